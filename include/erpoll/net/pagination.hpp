/// \file
/// Walking the pages of one poll: Cloud Elements' `pageSize` + `nextPage` with the
/// `elements-next-page-token` header (sent even on the last page, so a page that is empty or shorter than
/// `pageSize` ends the walk), or `page=K`. A repeated token and the bound on pages per poll are detected.
#pragma once
#ifndef ERPOLL_NET_PAGINATION_HPP
#define ERPOLL_NET_PAGINATION_HPP

#include <erpoll/core/config.hpp>
#include <erpoll/core/config_error.hpp>
#include <erpoll/resource/request_target.hpp>

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <string_view>

ERPOLL_BEGIN_NAMESPACE

/// How the hub pages its results.
enum class pagination_mode {
  next_page_token,  ///< `pageSize=N&nextPage=<token>`, the token in a response header (Cloud Elements)
  page_number,      ///< `pageSize=N&page=K`, K from `first_page`
  none              ///< one request returns everything
};

/// Pagination settings of one resource.
struct pagination_options {
  pagination_mode mode = pagination_mode::next_page_token;
  std::size_t page_size = 200;   ///< `pageSize`; a page with fewer records is the last
  std::size_t max_pages = 1000;  ///< per poll; on reaching it the poll ends early (and the cursor moves only
                                 ///< as far as what was read)
  std::size_t first_page = 1;    ///< the first K of `page=K`
  std::string page_size_parameter = "pageSize";
  std::string token_parameter = "nextPage";
  std::string token_header = "elements-next-page-token";
  std::string page_parameter = "page";

  /// \throws config_error for a page size or bound of 0.
  void validate() const {
    if (page_size == 0) throw config_error("erpoll: pageSize must be at least 1");
    if (max_pages == 0) throw config_error("erpoll: the pages-per-poll bound must be at least 1");
  }
};

/// How a walk over the pages of a poll ended, or that it goes on.
enum class page_step {
  next,            ///< fetch `target()` next
  done,            ///< the last page was read: the poll is complete
  bound_reached,   ///< `max_pages` were read and the hub has more
  repeated_token   ///< the hub sent a token it had sent before: reading on would loop
};

/// The request targets of one poll, page after page.
class page_walker {
 public:
  /// Starts at the first page of `base_target` (the expanded URL template).
  page_walker(std::string base_target, const pagination_options& options)
      : base_(std::move(base_target)), options_(&options) {
    options.validate();
    target_ = base_;
    if (options.mode != pagination_mode::none) {
      set_query_parameter(target_, options.page_size_parameter, std::to_string(options.page_size));
    }
    if (options.mode == pagination_mode::page_number) {
      set_query_parameter(target_, options.page_parameter, std::to_string(options.first_page));
    }
  }

  /// The target of the page to fetch now.
  const std::string& target() const noexcept { return target_; }
  /// Pages read so far.
  std::size_t pages_read() const noexcept { return pages_; }

  /// Records that the page at `target()` had `records` records and, in token mode, the token header's value
  /// (nothing when absent), and says what comes next.
  page_step advance(std::size_t records, std::optional<std::string_view> token) {
    ++pages_;
    const auto& o = *options_;
    if (o.mode == pagination_mode::none || records == 0 || records < o.page_size) return page_step::done;
    if (o.mode == pagination_mode::next_page_token) {
      if (!token || token->empty()) return page_step::done;
      if (!tokens_.emplace(*token).second) return page_step::repeated_token;
    }
    if (pages_ >= o.max_pages) return page_step::bound_reached;
    target_ = base_;
    set_query_parameter(target_, o.page_size_parameter, std::to_string(o.page_size));
    if (o.mode == pagination_mode::next_page_token) {
      set_query_parameter(target_, o.token_parameter, *token);
    } else {
      set_query_parameter(target_, o.page_parameter, std::to_string(o.first_page + pages_));
    }
    return page_step::next;
  }

 private:
  std::string base_;
  const pagination_options* options_;
  std::string target_;
  std::size_t pages_ = 0;
  std::set<std::string, std::less<>> tokens_;
};

ERPOLL_END_NAMESPACE

#endif
