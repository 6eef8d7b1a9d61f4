// Throughput of the numeric stages (normalize, sentences, percent, money, counts) over the
// us-legislation corpus, in bytes per second. Run: build/policygraph_bench --benchmark_filter=Numeric
// The corpus is read from PG_SOURCE_DIR "/../shared/corpora/us-legislation"; the benchmark is
// skipped with a message when it is absent.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "pipeline/core/pipeline.h"
#include "pipeline/rules/rule_book.h"
#include "stages/numbers/number.h"

namespace policygraph {
namespace {

struct Corpus {
  std::vector<std::string> texts;
  int64_t bytes = 0;
};

// Every .txt file under the corpus directory, sorted by path; empty when it is absent.
const Corpus& LegislationCorpus() {
  static const Corpus* corpus = [] {
    auto* c = new Corpus;
    const std::filesystem::path root = PG_SOURCE_DIR "/../shared/corpora/us-legislation";
    if (!std::filesystem::is_directory(root)) return c;
    std::vector<std::filesystem::path> paths;
    for (const auto& e : std::filesystem::recursive_directory_iterator(root)) {
      if (e.is_regular_file() && e.path().extension() == ".txt") paths.push_back(e.path());
    }
    std::sort(paths.begin(), paths.end());
    for (const auto& p : paths) {
      std::ifstream in(p, std::ios::binary);
      std::ostringstream ss;
      ss << in.rdbuf();
      c->texts.push_back(ss.str());
      c->bytes += static_cast<int64_t>(c->texts.back().size());
    }
    return c;
  }();
  return *corpus;
}

struct NumericPipeline {
  std::unique_ptr<RuleBook> book;
  std::unique_ptr<Pipeline> pipeline;
  std::string error;
};

NumericPipeline* BuildPipeline(const std::vector<std::string>& stages) {
  auto* out = new NumericPipeline;
  auto book = RuleBook::Load({});
  if (!book.ok()) {
    out->error = book.status().message();
    return out;
  }
  out->book = std::make_unique<RuleBook>(std::move(book).value());
  auto built = Pipeline::Build(stages, *out->book);
  if (!built.ok()) {
    out->error = built.status().message();
    return out;
  }
  out->pipeline = std::make_unique<Pipeline>(std::move(built).value());
  return out;
}

// The numeric stages, and for comparison the text stages they need.
const NumericPipeline& Numeric(bool text_only) {
  static const NumericPipeline* numeric = BuildPipeline({"normalize", "sentences", "percent", "money", "counts"});
  static const NumericPipeline* text = BuildPipeline({"normalize", "sentences"});
  return text_only ? *text : *numeric;
}

// state.range(0): 1 = numeric stages, 0 = only normalize and sentences (the baseline).
void BM_NumericStagesLegislation(benchmark::State& state) {
  const Corpus& corpus = LegislationCorpus();
  if (corpus.texts.empty()) {
    state.SkipWithError("us-legislation corpus not found under ../shared/corpora (skipped)");
    return;
  }
  const NumericPipeline& numeric = Numeric(state.range(0) == 0);
  if (numeric.pipeline == nullptr) {
    state.SkipWithError(("numeric pipeline: " + numeric.error).c_str());
    return;
  }
  int64_t mentions = 0;
  for (auto _ : state) {
    for (const std::string& text : corpus.texts) {
      Document doc;
      doc.id = "bench";
      doc.text = text;
      doc.meta.date = "2019-01-01";
      Annotations ann;
      Status s = numeric.pipeline->Process(doc, ann);
      if (!s.ok()) {
        state.SkipWithError(s.message().c_str());
        return;
      }
      mentions += static_cast<int64_t>(ann.mentions.size());
    }
  }
  state.SetBytesProcessed(state.iterations() * corpus.bytes);
  state.counters["mentions/iter"] = benchmark::Counter(static_cast<double>(mentions) / state.iterations());
}
BENCHMARK(BM_NumericStagesLegislation)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond)->MinTime(3.0);

// The number parser alone, over a mix of digit, scaled and spelled forms.
void BM_ParseNumber(benchmark::State& state) {
  const std::vector<std::string> inputs = {"300,000,000", "12.5", "300 billion", "1.5bn", "thirty-three",
                                           "a hundred and five", "two dozen", "half a million"};
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(ParseNumber(inputs[i++ % inputs.size()]));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseNumber);

}  // namespace
}  // namespace policygraph
