// DeadlineCheck: the time-limit check of a long loop (a stage's, the matcher's, the view's), so
// that a document over --timeout-ms is given up and reported wherever its time goes.
#ifndef POLICYGRAPH_PIPELINE_CORE_DEADLINE_CHECK_H_
#define POLICYGRAPH_PIPELINE_CORE_DEADLINE_CHECK_H_

#include <cstddef>
#include <functional>
#include <utility>

namespace policygraph {

struct Annotations;

// The deadline check of a loop, cheap enough to call at every step: After(work) counts the work a
// step did (bytes of text it scanned, 0 for a small step) and reads the clock only once about
// kClockEvery bytes' worth were done since the last read. Once late, always late.
class DeadlineCheck {
 public:
  explicit DeadlineCheck(std::function<bool()> expired) : expired_(std::move(expired)) {}
  explicit DeadlineCheck(const Annotations& ann);  // ann.Expired() (pipeline/core/annotations.h)

  bool After(size_t work) {
    work_ += work + kStepWork;
    if (work_ < kClockEvery || late_) return late_;
    work_ = 0;
    late_ = expired_();
    return late_;
  }

 private:
  static constexpr size_t kStepWork = 256;         // a step counts at least this much
  static constexpr size_t kClockEvery = 64 << 10;  // about 0.1-5 ms of matching
  std::function<bool()> expired_;
  size_t work_ = 0;
  bool late_ = false;
};

}  // namespace policygraph

#endif  // POLICYGRAPH_PIPELINE_CORE_DEADLINE_CHECK_H_
