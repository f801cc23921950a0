/// \file
/// The whole of erpoll: include this one header.
#pragma once
#ifndef ERPOLL_ERPOLL_HPP
#define ERPOLL_ERPOLL_HPP

#include <erpoll/change/cursor.hpp>
#include <erpoll/change/event_id.hpp>
#include <erpoll/core/config.hpp>
#include <erpoll/core/config_error.hpp>
#include <erpoll/core/expected.hpp>
#include <erpoll/core/fixed_string.hpp>
#include <erpoll/event/notification.hpp>
#include <erpoll/event/signature.hpp>
#include <erpoll/netsuite/erp.hpp>
#include <erpoll/page/extract.hpp>
#include <erpoll/page/extract_dynamic.hpp>
#include <erpoll/page/find_fields.hpp>
#include <erpoll/page/json_scanner.hpp>
#include <erpoll/resource/ceql.hpp>
#include <erpoll/resource/descriptor.hpp>
#include <erpoll/resource/dynamic_resource.hpp>
#include <erpoll/resource/fields.hpp>
#include <erpoll/resource/request_target.hpp>
#include <erpoll/resource/runtime_url_template.hpp>
#include <erpoll/resource/url_template.hpp>
#include <erpoll/time/date_format.hpp>
#include <erpoll/time/fixed_zone.hpp>
#include <erpoll/time/instant.hpp>
#include <erpoll/time/named_zone.hpp>
#include <erpoll/time/parse_error.hpp>
#include <erpoll/time/runtime_date_format.hpp>
#include <erpoll/time/time_zone.hpp>

#endif
