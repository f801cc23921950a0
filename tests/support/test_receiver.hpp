// A callback receiver for tests: records each notification it accepts (body, webhook id, whether the
// signature verified) and fails on command (a status, optionally with Retry-After, for the next N posts).
#pragma once

#include "test_server.hpp"

#include <erpoll/event/signature.hpp>

#include <deque>
#include <mutex>
#include <string>
#include <vector>

namespace erpoll_test {

struct received_notification {
  std::string webhook_id;
  std::string body;
  bool signature_ok = false;
};

class test_receiver {
 public:
  explicit test_receiver(std::string signature_key = {}) : key_(std::move(signature_key)) {}

  /// The next `count` posts get `status` (and Retry-After when not empty).
  void fail_next(int count, unsigned status = 503, std::string retry_after = {}) {
    std::lock_guard lock(mutex_);
    for (int i = 0; i < count; ++i) failures_.push_back({status, retry_after});
  }
  /// While down, every post gets 503.
  void set_down(bool down) {
    std::lock_guard lock(mutex_);
    down_ = down;
  }

  std::vector<received_notification> received() {
    std::lock_guard lock(mutex_);
    return received_;
  }
  std::size_t attempts() {
    std::lock_guard lock(mutex_);
    return attempts_;
  }

  test_reply handle(const test_request& req) {
    std::lock_guard lock(mutex_);
    ++attempts_;
    if (down_) return test_reply{503, {}, "down"};
    if (!failures_.empty()) {
      auto [status, retry_after] = failures_.front();
      failures_.pop_front();
      test_reply r{status, {}, "failing on purpose"};
      if (!retry_after.empty()) r.headers.emplace_back("Retry-After", retry_after);
      return r;
    }
    received_notification n{req.header("elements-webhook-id"), req.body, false};
    if (!key_.empty()) {
      n.signature_ok = req.header("Elements-Webhook-Signature") == erpoll::webhook_signature(key_, req.body);
    }
    received_.push_back(std::move(n));
    return test_reply{200, {}, "{}"};
  }

 private:
  std::string key_;
  std::mutex mutex_;
  std::deque<std::pair<unsigned, std::string>> failures_;
  bool down_ = false;
  std::vector<received_notification> received_;
  std::size_t attempts_ = 0;
};

}  // namespace erpoll_test
