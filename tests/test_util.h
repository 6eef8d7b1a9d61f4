// Helpers shared by the tests: the source tree, temporary directories, running the pipeline.
#ifndef POLICYGRAPH_TESTS_TEST_UTIL_H_
#define POLICYGRAPH_TESTS_TEST_UTIL_H_

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "pipeline/core/pipeline.h"
#include "pipeline/rules/rule_book.h"

namespace policygraph::testing {

inline std::string SourceDir() { return PG_SOURCE_DIR; }
inline std::string SharedDir() { return SourceDir() + "/../shared"; }
inline bool HaveShared() { return std::filesystem::is_directory(SharedDir() + "/corpora"); }

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void WriteFile(const std::string& path, const std::string& content) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream out(path, std::ios::binary);
  out << content;
}

// A fresh directory removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    path_ = std::filesystem::temp_directory_path() /
            ("pgtest-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string path() const { return path_.string(); }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
  static inline int counter_ = 0;
};

// The default rule book and pipeline, built once per test binary.
struct DefaultPipeline {
  std::unique_ptr<RuleBook> book;
  std::unique_ptr<Pipeline> pipeline;
};
const DefaultPipeline& Defaults();

// Runs the default pipeline over `text` (reference date `date`).
Annotations Annotate(const std::string& text, const std::string& date = "2013-02-12");

}  // namespace policygraph::testing

#endif  // POLICYGRAPH_TESTS_TEST_UTIL_H_
