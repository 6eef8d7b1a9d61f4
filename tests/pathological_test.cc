// Hang guards for pathological documents (issue 16): one sentence of a repeated head word, where a
// rejected match used to be tried again from every next word up to the sentence end (quadratic:
// "Center " at 128 KB took 92 s), and the per-document time limit, which used to be read every 256
// sentences only. The bounds are generous (sanitizer builds run these too): they catch a hang, not
// a slowdown; speed is measured by bench/.
#include <chrono>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "tests/test_util.h"

namespace policygraph {
namespace {

using Clock = std::chrono::steady_clock;

std::string Repeat(std::string_view word, size_t bytes) {
  std::string text;
  text.reserve(bytes + word.size());
  while (text.size() < bytes) text.append(word);
  return text;
}

struct Outcome {
  Status status;
  double seconds = 0;
};

// Runs the default pipeline over `text`, giving up after `timeout_ms` (0: never).
Outcome Process(std::string text, int64_t timeout_ms) {
  Document doc;
  doc.id = "pathological";
  doc.text = std::move(text);
  Annotations ann;
  const Clock::time_point start = Clock::now();
  if (timeout_ms > 0) ann.deadline = start + std::chrono::milliseconds(timeout_ms);
  Outcome o;
  o.status = testing::Defaults().pipeline->Process(doc, ann);
  o.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return o;
}

// Each took 2-7 s at 16 KB before and over 60 s at 64 KB (x4 per doubling); about 0.1 s now.
TEST(PathologicalTest, RunOfHeadWordsFinishesInBoundedTime) {
  for (std::string_view word : {"Center ", "Institute ", "Act ", "Plan ", "Agency ", "Program "}) {
    const Outcome o = Process(Repeat(word, 64 << 10), 0);
    EXPECT_TRUE(o.status.ok()) << word << ": " << o.status.message();
    EXPECT_LT(o.seconds, 2.0) << "64 KB of '" << word << "'";
  }
}

TEST(PathologicalTest, TimeLimitHoldsInsideOneLongSentence) {
  // 1 MB of one sentence: seconds of matching now, hours before; the deadline used to be read
  // every 256 sentences only.
  const Outcome o = Process(Repeat("Center ", 1 << 20), 200);
  EXPECT_EQ(o.status.code(), Status::Code::kResourceExhausted) << o.status.message();
  EXPECT_NE(o.status.message().find("time limit reached"), std::string::npos) << o.status.message();
  EXPECT_LT(o.seconds, 2.0);  // the limit, then at most one step of the matcher (~64 KB)
}

}  // namespace
}  // namespace policygraph
