/// \file
/// `erpoll::resource_engine<R>`: what the poller needs of a resource, the same for a compile-time descriptor
/// and for `dynamic_resource`: its name, its URL for a query start, and its records' id, dates and raw bytes.
#pragma once
#ifndef ERPOLL_POLL_RESOURCE_ENGINE_HPP
#define ERPOLL_POLL_RESOURCE_ENGINE_HPP

#include <erpoll/core/config.hpp>
#include <erpoll/core/expected.hpp>
#include <erpoll/page/extract.hpp>
#include <erpoll/page/extract_dynamic.hpp>
#include <erpoll/resource/descriptor.hpp>
#include <erpoll/resource/dynamic_resource.hpp>
#include <erpoll/time/instant.hpp>

#include <boost/hana/accessors.hpp>
#include <boost/hana/at.hpp>
#include <boost/hana/second.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>

ERPOLL_BEGIN_NAMESPACE

/// The part of a record change detection needs.
struct change_record {
  std::string_view id;
  instant updated{};
  std::optional<instant> created;
  std::string_view raw;  ///< the record's exact bytes in the page
};

/// The engine of compile-time descriptor `R`: everything generated at compile time.
template <class R>
class resource_engine {
  using traits = resource_traits<R>;

  template <std::size_t I>
  static decltype(auto) member(const R& r) {
    return boost::hana::second(boost::hana::at_c<I>(boost::hana::accessors<R>()))(r);
  }

 public:
  std::string_view name() const noexcept { return traits::name; }
  std::string expand(instant query_from) const { return traits::url::expand(query_from); }

  /// Calls `on_change(const change_record&)` for each record and `on_error(record_error&&)` for each bad one.
  template <class OnChange, class OnError>
  expected<page_summary, page_error> extract(std::string_view page, const page_options& options, OnChange&& on_change,
                                             OnError&& on_error) const {
    return extract_page<R>(
        page,
        [&](record<R>&& r) {
          change_record c;
          c.id = member<traits::id_index>(r.value).value;
          c.updated = member<traits::updated_index>(r.value).value;
          if constexpr (traits::has_created) c.created = member<traits::created_index>(r.value).value;
          c.raw = r.raw;
          on_change(c);
        },
        std::forward<OnError>(on_error), options);
  }
};

/// The engine of a resource described at run time.
template <>
class resource_engine<dynamic_resource> {
 public:
  resource_engine(dynamic_resource resource) : resource_(std::move(resource)) {}  // NOLINT: implicit on purpose

  std::string_view name() const noexcept { return resource_.name(); }
  std::string expand(instant query_from) const { return resource_.url().expand(query_from); }

  template <class OnChange, class OnError>
  expected<page_summary, page_error> extract(std::string_view page, const page_options& options, OnChange&& on_change,
                                             OnError&& on_error) const {
    return extract_page(
        resource_, page,
        [&](dynamic_record&& r) { on_change(change_record{r.id, r.updated, r.created, r.raw}); },
        std::forward<OnError>(on_error), options);
  }

 private:
  dynamic_resource resource_;
};

ERPOLL_END_NAMESPACE

#endif
