// Runs a coroutine on an io_context until it finishes and returns its result (rethrowing its exception).
#pragma once

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <chrono>
#include <stdexcept>

namespace erpoll_test {

template <class T>
T run(boost::asio::io_context& io, boost::asio::awaitable<T> task) {
  auto future = boost::asio::co_spawn(io, std::move(task), boost::asio::use_future);
  io.restart();
  while (future.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
    if (io.run_one_for(std::chrono::seconds(60)) == 0 && io.stopped()) throw std::runtime_error("io_context ran out of work");
  }
  return future.get();
}

/// Runs `io` for `d` (the pollers and servers on it make progress meanwhile).
inline void run_for(boost::asio::io_context& io, std::chrono::steady_clock::duration d) {
  io.restart();
  io.run_for(d);
}

}  // namespace erpoll_test
