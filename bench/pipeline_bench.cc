// Google Benchmark for the per-document pipeline and its parts: the whole default pipeline, each
// text stage alone, the fused rule scan, the atom prefilter, building the graph fragment and
// rendering the outputs, and merging fragments into the graph. Throughput is in bytes of document text per second.
//
//   build/policygraph_bench                               # all
//   build/policygraph_bench --benchmark_filter=Pipeline   # one family
//
// The text is the us-legislation corpus (../shared/corpora/us-legislation, the first 4 MB of its
// files in sorted order) when present, else the bundled NIST document repeated to 1 MB. With
// PG_BENCH_CORPUS=policy it is the policy genre instead: the texts of ../shared/eval/policy-dev
// and corpora/ repeated to 5 MB, each copy a document of its own.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "graph/fragment.h"
#include "graph/node_link.h"
#include "pipeline/core/pipeline.h"
#include "pipeline/batch/runner.h"
#include "pipeline/rules/atom_filter.h"
#include "pipeline/rules/rule_book.h"

namespace policygraph {
namespace {

namespace fs = std::filesystem;

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Benchmark documents: about 4 MB of real legislation in its own documents, or the NIST summary.
// The policy-genre texts (fact sheets, CRS excerpt, NIST summary), each repeated as separate
// documents until the whole is 5 MB. Empty when ../shared is absent.
std::vector<Document> PolicyDocuments() {
  std::vector<std::string> files;
  for (const std::string& dir : {std::string(PG_SOURCE_DIR) + "/../shared/eval/policy-dev/docs",
                                std::string(PG_SOURCE_DIR) + "/corpora/nist"}) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) continue;
    for (const auto& e : fs::directory_iterator(dir)) {
      if (e.is_regular_file() && e.path().extension() == ".txt") files.push_back(e.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  std::vector<Document> out;
  size_t total = 0;
  for (int copy = 0; !files.empty() && total < (5u << 20); ++copy) {
    for (const std::string& f : files) {
      Document d;
      d.id = fs::path(f).stem().string() + "-" + std::to_string(copy);
      d.text = ReadAll(f);
      d.meta.date = "2024-06-01";
      total += d.text.size();
      out.push_back(std::move(d));
    }
  }
  return out;
}

const std::vector<Document>& Documents() {
  static const std::vector<Document> docs = [] {
    const char* corpus_choice = std::getenv("PG_BENCH_CORPUS");
    if (corpus_choice != nullptr && std::string(corpus_choice) == "policy") {
      std::vector<Document> policy = PolicyDocuments();
      if (!policy.empty()) return policy;
    }
    std::vector<Document> out;
    const std::string corpus = std::string(PG_SOURCE_DIR) + "/../shared/corpora/us-legislation";
    std::vector<std::string> files;
    std::error_code ec;
    if (fs::is_directory(corpus, ec)) {
      for (const auto& e : fs::recursive_directory_iterator(corpus)) {
        if (e.is_regular_file() && e.path().extension() == ".txt") files.push_back(e.path().string());
      }
      std::sort(files.begin(), files.end());
    }
    size_t total = 0;
    for (const std::string& f : files) {
      if (total > (4u << 20)) break;
      Document d;
      d.id = fs::path(f).stem().string();
      d.text = ReadAll(f);
      d.meta.date = "2018-01-01";
      total += d.text.size();
      out.push_back(std::move(d));
    }
    if (out.empty()) {
      Document d;
      d.id = "nist";
      const std::string nist = ReadAll(std::string(PG_SOURCE_DIR) + "/corpora/nist/nist-mic-summary.txt");
      while (d.text.size() < (1u << 20)) d.text += nist + "\n";
      d.meta.date = "2019-02-06";
      out.push_back(std::move(d));
    }
    return out;
  }();
  return docs;
}

int64_t TotalBytes() {
  int64_t n = 0;
  for (const Document& d : Documents()) n += static_cast<int64_t>(d.text.size());
  return n;
}

const RuleBook& Book() {
  static const RuleBook* book = [] {
    auto b = RuleBook::Load({});
    if (!b.ok()) throw std::runtime_error(b.status().message());
    return new RuleBook(std::move(b).value());
  }();
  return *book;
}

Pipeline Build(const std::vector<std::string>& names) {
  auto p = Pipeline::Build(names, Book());
  if (!p.ok()) throw std::runtime_error(p.status().message());
  return std::move(p).value();
}

// A copy of benchmark document `d` as read: what a pipeline starts from.
Document Unprocessed(const Document& d) {
  Document doc;
  doc.id = d.id;
  doc.text = d.text;
  doc.meta = d.meta;
  return doc;
}

// Runs `pipeline` over every benchmark document per iteration.
void RunPipeline(benchmark::State& state, const Pipeline& pipeline) {
  for (auto _ : state) {
    for (const Document& d : Documents()) {
      Document doc = Unprocessed(d);
      Annotations ann;
      Status s = pipeline.Process(doc, ann);
      benchmark::DoNotOptimize(ann.mentions.data());
      if (!s.ok()) state.SkipWithError(s.message().c_str());
    }
  }
  state.SetBytesProcessed(state.iterations() * TotalBytes());
}

void BM_Pipeline_Default(benchmark::State& state) {
  static const Pipeline p = Build(Pipeline::DefaultStages(Book()));
  RunPipeline(state, p);
}
BENCHMARK(BM_Pipeline_Default)->Unit(benchmark::kMillisecond);

void BM_Stage_Normalize(benchmark::State& state) {
  static const Pipeline p = Build({"normalize"});
  RunPipeline(state, p);
}
BENCHMARK(BM_Stage_Normalize)->Unit(benchmark::kMillisecond);

void BM_Stage_NormalizeSentences(benchmark::State& state) {
  static const Pipeline p = Build({"normalize", "sentences"});
  RunPipeline(state, p);
}
BENCHMARK(BM_Stage_NormalizeSentences)->Unit(benchmark::kMillisecond);

// normalize + sentences + every rule stage (one fused RE2::Set scan), without resolve and later.
void BM_Stage_RuleScan(benchmark::State& state) {
  static const Pipeline p = [] {
    std::vector<std::string> names = {"normalize", "sentences"};
    for (const std::string& s : Pipeline::DefaultStages(Book())) {
      const bool is_rule_stage =
          std::find(Book().stages().begin(), Book().stages().end(), s) != Book().stages().end();
      if (is_rule_stage && s != "relations") names.push_back(s);
    }
    return Build(names);
  }();
  RunPipeline(state, p);
}
BENCHMARK(BM_Stage_RuleScan)->Unit(benchmark::kMillisecond);

// The atom prefilter alone (RuleMatcher's first step): which rules may match each sentence.
void BM_AtomFilter_Candidates(benchmark::State& state) {
  static const std::vector<Document> split = [] {
    const Pipeline p = Build({"normalize", "sentences"});
    std::vector<Document> docs;
    for (const Document& d : Documents()) {
      Document doc = Unprocessed(d);
      Annotations ann;
      if (p.Process(doc, ann).ok()) docs.push_back(std::move(doc));
    }
    return docs;
  }();
  static const AtomFilter filter = [] {
    std::vector<const std::string*> patterns;
    for (const CompiledRule& r : Book().rules()) {
      if (r.lexicon == nullptr && r.rule.stage != "relations") patterns.push_back(&r.rule.expanded);
    }
    return AtomFilter(patterns);
  }();
  AtomFilter::Scratch scratch;
  int64_t candidates = 0;
  for (auto _ : state) {
    for (const Document& doc : split) {
      for (int32_t i = 0; i < static_cast<int32_t>(doc.sentences.size()); ++i) {
        candidates += static_cast<int64_t>(filter.Candidates(doc.SentenceText(i), scratch).size());
      }
    }
  }
  state.counters["candidates"] =
      benchmark::Counter(static_cast<double>(candidates) / static_cast<double>(state.iterations()));
  state.SetBytesProcessed(state.iterations() * TotalBytes());
}
BENCHMARK(BM_AtomFilter_Candidates)->Unit(benchmark::kMillisecond);

// The default pipeline with each stage timed on its own: one counter per stage, in seconds of CPU
// per iteration (the stage's share of BM_Pipeline_Default).
void BM_Pipeline_PerStage(benchmark::State& state) {
  static const Pipeline p = Build(Pipeline::DefaultStages(Book()));
  std::vector<double> seconds(p.stages().size(), 0.0);
  for (auto _ : state) {
    for (const Document& d : Documents()) {
      Document doc = Unprocessed(d);
      Annotations ann;
      for (size_t i = 0; i < p.stages().size(); ++i) {
        const auto start = std::chrono::steady_clock::now();
        Status s = p.stages()[i]->Process(doc, ann);
        seconds[i] += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (!s.ok()) state.SkipWithError(s.message().c_str());
      }
    }
  }
  for (size_t i = 0; i < p.stages().size(); ++i) {
    state.counters[p.stages()[i]->Name()] = benchmark::Counter(seconds[i] / static_cast<double>(state.iterations()));
  }
  state.SetBytesProcessed(state.iterations() * TotalBytes());
}
BENCHMARK(BM_Pipeline_PerStage)->Unit(benchmark::kMillisecond);

// The acronyms stage on a document that defines an abbreviation in every sentence and uses the
// previous one (state.range(0) definitions): linear in definitions and uses, not their product.
void BM_Acronyms_DefinitionEverySentence(benchmark::State& state) {
  static const std::string kLetters = "BDGHJKLMPQSUVWXY";
  std::string text;
  for (int64_t i = 0; i < state.range(0); ++i) {
    const std::string ab{kLetters[i / 256 % 16], kLetters[i / 16 % 16], kLetters[i % 16]};
    text += "The " + std::string{ab[0]} + "ero " + ab[1] + "oint " + ab[2] + "eta Office (" + ab + "O) met. ";
    text += "The " + ab + "O agreed. ";
  }
  static const Pipeline p = Build(Pipeline::DefaultStages(Book()));
  for (auto _ : state) {
    Document doc;
    doc.id = "acronyms";
    doc.text = text;
    Annotations ann;
    if (!p.Process(doc, ann).ok()) state.SkipWithError("pipeline failed");
    benchmark::DoNotOptimize(ann.mentions.data());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_Acronyms_DefinitionEverySentence)->Arg(500)->Arg(4000)->Unit(benchmark::kMillisecond);

// What the runner does after the pipeline: the fragment, the mentions lines and the record.
struct Processed {
  std::vector<Document> docs;
  std::vector<Annotations> anns;
};
const Processed& ProcessedDocuments() {
  static const Processed* out = [] {
    auto* p = new Processed;
    static const Pipeline pipeline = Build(Pipeline::DefaultStages(Book()));
    for (const Document& d : Documents()) {
      Document doc = d;
      Annotations ann;
      if (!pipeline.Process(doc, ann).ok()) throw std::runtime_error("pipeline failed");
      p->docs.push_back(std::move(doc));
      p->anns.push_back(std::move(ann));
    }
    return p;
  }();
  return *out;
}

void BM_Render_FragmentAndMentions(benchmark::State& state) {
  const Processed& p = ProcessedDocuments();
  for (auto _ : state) {
    for (size_t i = 0; i < p.docs.size(); ++i) {
      KnowledgeGraph g = BuildFragment(p.docs[i], p.anns[i]);
      std::string lines = RenderMentions(p.docs[i], p.anns[i]);
      benchmark::DoNotOptimize(lines.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * TotalBytes());
}
BENCHMARK(BM_Render_FragmentAndMentions)->Unit(benchmark::kMillisecond);

void BM_Render_Record(benchmark::State& state) {
  const Processed& p = ProcessedDocuments();
  for (auto _ : state) {
    for (size_t i = 0; i < p.docs.size(); ++i) {
      KnowledgeGraph g = BuildFragment(p.docs[i], p.anns[i]);
      std::string rec = RenderRecord(p.docs[i], p.anns[i], g);
      benchmark::DoNotOptimize(rec.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * TotalBytes());
}
BENCHMARK(BM_Render_Record)->Unit(benchmark::kMillisecond);

// The serial part of a run: merging every document's fragment into one graph.
void BM_Graph_Merge(benchmark::State& state) {
  const Processed& p = ProcessedDocuments();
  std::vector<KnowledgeGraph> fragments;
  for (size_t i = 0; i < p.docs.size(); ++i) fragments.push_back(BuildFragment(p.docs[i], p.anns[i]));
  for (auto _ : state) {
    KnowledgeGraph g;
    for (const KnowledgeGraph& f : fragments) g.Merge(f);
    g.Seal();
    benchmark::DoNotOptimize(g.node_count());
  }
  state.SetBytesProcessed(state.iterations() * TotalBytes());
}
BENCHMARK(BM_Graph_Merge)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace policygraph
