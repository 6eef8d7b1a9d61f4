// The fuzz targets' findings as regression tests: every input kept in tests/data/fuzz/<target>/
// runs through that target's own code (fuzz/fuzz_<target>.cc, compiled in here under other names),
// so a finding that comes back crashes or fails this test in the normal and the sanitizer builds;
// and the fixes they led to, checked by their messages.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#define LLVMFuzzerTestOneInput FuzzReaderOneInput
#include "fuzz/fuzz_reader.cc"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput FuzzRulesOneInput
#include "fuzz/fuzz_rules.cc"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput FuzzMergeOneInput
#include "fuzz/fuzz_merge.cc"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerInitialize FuzzPipelineInitialize
#define LLVMFuzzerTestOneInput FuzzPipelineOneInput
#include "fuzz/fuzz_pipeline.cc"
#undef LLVMFuzzerTestOneInput
#undef LLVMFuzzerInitialize

namespace {

std::vector<std::filesystem::path> Kept(const std::string& target) {
  std::vector<std::filesystem::path> out;
  const std::filesystem::path dir = std::filesystem::path(PG_SOURCE_DIR) / "tests/data/fuzz" / target;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

std::string Bytes(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void Replay(const std::string& target, int (*one)(const uint8_t*, size_t)) {
  for (const auto& p : Kept(target)) {
    SCOPED_TRACE(p.string());
    const std::string b = Bytes(p);
    EXPECT_EQ(one(reinterpret_cast<const uint8_t*>(b.data()), b.size()), 0);
  }
}

TEST(FuzzRegressionTest, Reader) { Replay("reader", FuzzReaderOneInput); }
TEST(FuzzRegressionTest, Rules) { Replay("rules", FuzzRulesOneInput); }
TEST(FuzzRegressionTest, Merge) { Replay("merge", FuzzMergeOneInput); }
TEST(FuzzRegressionTest, Pipeline) {
  if (Kept("pipeline").empty()) GTEST_SKIP() << "no kept inputs";
  int argc = 1;
  char arg0[] = "fuzz_pipeline";
  char* args[] = {arg0, nullptr};
  char** argv = args;
  FuzzPipelineInitialize(&argc, &argv);
  Replay("pipeline", FuzzPipelineOneInput);
}

// fuzz_rules found it: a rule file with bytes that are not UTF-8 in a string (attrs, params) was
// loaded, then aborted the process when the rule's JSON was dumped (nlohmann type_error.316).
TEST(FuzzRegressionTest, RuleFileThatIsNotUtf8IsAnErrorWithItsLine) {
  const std::string bad = "stage: fuzz\ntype: THING\nrules:\n  - id: fuzz.bad\n    pattern: 'x'\n    attrs: {note: caf\xe9}\n";
  policygraph::StatusOr<policygraph::RuleBook> book =
      policygraph::RuleBook::FromSources({}, {{"user/bad.yaml", bad, false}});
  ASSERT_FALSE(book.ok());
  EXPECT_NE(book.status().message().find("user/bad.yaml:6"), std::string::npos) << book.status().message();
  EXPECT_NE(book.status().message().find("not valid UTF-8 (byte 86)"), std::string::npos) << book.status().message();
}

}  // namespace
