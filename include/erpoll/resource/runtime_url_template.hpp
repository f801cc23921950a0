/// \file
/// `erpoll::runtime_url_template`: the runtime twin of `url_template<U>`, for URLs read from configuration.
#pragma once
#ifndef ERPOLL_RESOURCE_RUNTIME_URL_TEMPLATE_HPP
#define ERPOLL_RESOURCE_RUNTIME_URL_TEMPLATE_HPP

#include <erpoll/core/config.hpp>
#include <erpoll/core/config_error.hpp>
#include <erpoll/resource/request_target.hpp>
#include <erpoll/resource/url_expansion.hpp>
#include <erpoll/resource/url_placeholders.hpp>
#include <erpoll/time/fixed_zone.hpp>
#include <erpoll/time/instant.hpp>
#include <erpoll/time/runtime_date_format.hpp>
#include <erpoll/time/time_zone.hpp>

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

ERPOLL_BEGIN_NAMESPACE

/// A polling URL template known only at run time, with the placeholders and encoding of `url_template<U>`.
/// Everything, zones included, is checked and looked up once, in the constructor.
class runtime_url_template {
 public:
  /// Parses `url`. \throws config_error naming the template, the position and the reason (an unknown
  /// placeholder, an invalid date pattern, an unknown zone).
  explicit runtime_url_template(std::string_view url) : url_(url) {
    struct sink {
      runtime_url_template& self;
      detail::url_problem problem = detail::url_problem::none;
      std::size_t problem_position = 0;
      void push(detail::url_segment s) { self.parts_.push_back(part{s, std::nullopt, std::nullopt}); }
    } s{*this};
    detail::parse_url_template_into(url_, s);
    if (s.problem != detail::url_problem::none) fail(s.problem_position, detail::describe(s.problem));
    for (part& p : parts_) {
      if (p.segment.kind == detail::url_segment_kind::date || p.segment.kind == detail::url_segment_kind::gmt_date ||
          p.segment.kind == detail::url_segment_kind::zoned_date) {
        p.format.emplace(url_.substr(p.segment.begin, p.segment.size));
        buffer_size_ = std::max(buffer_size_, p.format->max_size());
      }
      if (p.segment.kind == detail::url_segment_kind::zoned_date) {
        try {
          p.zone.emplace(time_zone::named(url_.substr(p.segment.zone_begin, p.segment.zone_size)));
        } catch (const config_error& e) {
          fail(p.segment.zone_begin, e.what());
        }
      }
    }
  }

  /// The template as written.
  std::string_view text() const noexcept { return url_; }

  /// The request target for a poll at `poll_time` (see `url_template::expand`).
  std::string expand(instant poll_time) const {
    request_target_builder out;
    std::string buffer(buffer_size_, '\0');
    for (const part& p : parts_) {
      switch (p.segment.kind) {
        case detail::url_segment_kind::literal:
          out.append_template_text(std::string_view(url_).substr(p.segment.begin, p.segment.size));
          break;
        case detail::url_segment_kind::date:
        case detail::url_segment_kind::gmt_date:
          detail::append_date_placeholder(out, *p.format, poll_time, gmt, buffer.data());
          break;
        case detail::url_segment_kind::zoned_date:
          detail::append_date_placeholder(out, *p.format, poll_time, *p.zone, buffer.data());
          break;
        default: detail::append_fixed_placeholder(out, p.segment.kind, poll_time); break;
      }
    }
    return std::move(out).str();
  }

 private:
  struct part {
    detail::url_segment segment;
    std::optional<runtime_date_format> format;
    std::optional<time_zone> zone;
  };

  [[noreturn]] void fail(std::size_t position, const std::string& reason) const {
    throw config_error("erpoll: invalid URL template \"" + url_ + "\" at position " + std::to_string(position) +
                       ": " + reason);
  }

  std::string url_;
  std::vector<part> parts_;
  std::size_t buffer_size_ = 0;
};

ERPOLL_END_NAMESPACE

#endif
