// Fuzzes the whole pipeline on one document: the bytes are a document's text, run through every default stage, its graph fragment and its `extract --records` line.
//
// The default rules are loaded and compiled once (LLVMFuzzerInitialize); each input is read as a text file's
// contents are (binary or invalid UTF-8 is refused by the reader, so it is refused here too), its
// header date detected, then Pipeline::Process, BuildFragment and RenderRecord run as `run` and
// `extract --records` run them, within a 20 s deadline of the product's own (--timeout-ms).
// A document refused with a Status is expected; a crash, an uncaught exception, a sanitizer
// report, a leak or a hang (libFuzzer's -timeout) is a finding.
//
// `fuzz_pipeline --write-seeds=DIR FILE...` (not a libFuzzer flag: handled in
// LLVMFuzzerInitialize, then it exits) writes, for scripts/fuzz, the merge target's seeds made by
// the product from the given text files: DIR/record-N.jsonl (an extract --records line each) and
// DIR/graph.json (their merged graph, as `merge` writes it).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "fuzz/fuzz_util.h"
#include "graph/fragment.h"
#include "graph/node_link.h"
#include "output/node_link_writer.h"
#include "pipeline/core/pipeline.h"
#include "pipeline/input/reader.h"
#include "pipeline/rules/rule_book.h"
#include "pipeline/batch/runner.h"

namespace {

using namespace policygraph;

const RuleBook* g_book = nullptr;
const Pipeline* g_pipeline = nullptr;

int WriteSeeds(const std::string& dir, const std::vector<std::string>& files) {
  KnowledgeGraph merged;
  int n = 0;
  for (const std::string& file : files) {
    StatusOr<Document> doc = ReadDocumentFile(file);
    if (!doc.ok()) {
      std::cerr << doc.status().message() << "\n";
      return 1;
    }
    Annotations ann;
    if (Status s = g_pipeline->Process(*doc, ann); !s.ok()) {
      std::cerr << s.message() << "\n";
      return 1;
    }
    const KnowledgeGraph fragment = BuildFragment(*doc, ann);
    std::ofstream(dir + "/record-" + std::to_string(n++) + ".jsonl") << RenderRecord(*doc, ann, fragment) << "\n";
    merged.Merge(fragment);
  }
  merged.Seal();
  std::ofstream out(dir + "/graph.json");
  WriteNodeLink(merged, Json{{"name", "policygraph"}, {"documents", merged.document_count()}}, out);
  out << "\n";
  return out ? 0 : 1;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
  StatusOr<RuleBook> book = RuleBook::Load({});
  if (!book.ok()) {
    std::cerr << "fuzz_pipeline: default rules: " << book.status().message() << "\n";
    std::abort();
  }
  g_book = new RuleBook(std::move(book).value());
  // Patterns compile on first use: compile them all now, or the first inputs would pay for it
  // (tens of seconds under the sanitizers on a loaded machine: past -timeout).
  for (const CompiledRule& rule : g_book->rules()) {
    if (rule.pattern != nullptr) rule.pattern->Compile();
  }
  StatusOr<Pipeline> pipeline = Pipeline::Build(Pipeline::DefaultStages(*g_book), *g_book);
  if (!pipeline.ok()) {
    std::cerr << "fuzz_pipeline: " << pipeline.status().message() << "\n";
    std::abort();
  }
  g_pipeline = new Pipeline(std::move(pipeline).value());
  // Lexicon tries and stage sets are built on first use too: one document of every kind builds most.
  Document warm;
  warm.id = "warm-up";
  warm.text =
      "On March 3, 2024, the U.S. Department of Energy (DOE) announced $1.5 billion for 12 Manufacturing "
      "Innovation Centers in Denver, Colorado and Tulsa by 2030, up 25% over 5 years, under the National "
      "Climate Plan. China's Ministry of Industry and Information Technology (MIIT) aims at 40 percent.";
  Annotations warm_ann;
  (void)g_pipeline->Process(warm, warm_ann);
  for (int i = 1; i < *argc; ++i) {
    constexpr const char* kFlag = "--write-seeds=";
    if (std::strncmp((*argv)[i], kFlag, std::strlen(kFlag)) == 0) {
      std::vector<std::string> files((*argv) + i + 1, (*argv) + *argc);
      std::exit(WriteSeeds((*argv)[i] + std::strlen(kFlag), files));
    }
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (LooksBinary(bytes) || !CheckUtf8(bytes).ok()) return 0;  // the reader refuses these
  Document doc;
  doc.id = "fuzz";
  doc.source = "fuzz.txt";
  doc.text = std::string(bytes);
  DetectHeaderDate(doc);
  Annotations ann;
  ann.deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  if (!g_pipeline->Process(doc, ann).ok()) return 0;
  const KnowledgeGraph fragment = BuildFragment(doc, ann);
  const std::string record = RenderRecord(doc, ann, fragment);
  if (record.empty()) __builtin_trap();
  return 0;
}
