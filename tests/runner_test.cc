// RunBatch and DocumentCache: output independent of the thread count, input order, guards (size
// and time limits, bad records), incremental runs through the cache, and the output set a run
// writes (all files or none; errno text on write errors; stale temporaries).
#include "pipeline/batch/runner.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <sstream>

#include "graph/fragment.h"
#include "graph/node_link.h"
#include "output/atomic_file.h"
#include "pipeline/batch/cache.h"
#include "tests/test_util.h"

namespace policygraph {
namespace {

using testing::Defaults;
using testing::TempDir;
using testing::WriteFile;

// Sentences that the default rules find things in, varied per document.
std::string DocText(int i) {
  std::ostringstream s;
  s << "Report " << i << " on industrial policy.\n";
  for (int k = 0; k < 5 + i % 7; ++k) {
    s << "In " << (2000 + (i + k) % 25) << " the Ministry of Industry and Information Technology (MIIT) of China "
      << "planned to invest " << (k + 1) * 10 << " billion yuan, " << (i * 7 + k) % 100 << " percent more, "
      << "under Made in China 2025 in the aerospace and semiconductor industries of Germany and Japan. ";
    if (k % 3 == 0) s << "\n\n";
  }
  return s.str();
}

// A corpus of `n` generated documents (and the bundled NIST document) in `dir`.
std::vector<std::string> MakeCorpus(const TempDir& dir, int n) {
  std::vector<std::string> files;
  for (int i = 0; i < n; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "doc%03d.txt", i);
    WriteFile(dir / name, DocText(i));
  }
  std::filesystem::copy(testing::SourceDir() + "/corpora", dir / "nist", std::filesystem::copy_options::recursive);
  std::vector<InputFailure> failures;
  files = ListDocumentFiles({dir.path()}, &failures);
  EXPECT_TRUE(failures.empty());
  return files;
}

struct Outputs {
  std::string mentions;
  std::string graph;
  std::vector<size_t> order;
  RunSummary summary;
};

Outputs RunOver(const std::vector<std::string>& files, RunOptions options) {
  options.render_mentions = true;
  options.build_fragment = true;
  FileSource source(files);
  Outputs out;
  KnowledgeGraph graph;
  out.summary = RunBatch(*Defaults().pipeline, source, options, [&](DocResult& r) {
    out.order.push_back(r.index);
    if (!r.status.ok()) return;
    out.mentions += r.mentions_jsonl;
    graph.Merge(r.fragment);
  });
  graph.Seal();
  out.graph = ToNodeLink(graph, Json::object()).dump(1);
  return out;
}

TEST(RunBatchTest, OutputIsTheSameWhateverTheThreadCount) {
  TempDir dir;
  const auto files = MakeCorpus(dir, 40);
  RunOptions one;
  one.threads = 1;
  const Outputs base = RunOver(files, one);
  ASSERT_EQ(base.summary.documents, files.size());
  ASSERT_FALSE(base.summary.mentions_by_type.empty());
  for (int threads : {2, 3, 8}) {
    RunOptions opts;
    opts.threads = threads;
    const Outputs got = RunOver(files, opts);
    EXPECT_EQ(got.mentions, base.mentions) << threads << " threads";
    EXPECT_EQ(got.graph, base.graph) << threads << " threads";
    EXPECT_EQ(got.summary.mentions_by_type, base.summary.mentions_by_type);
  }
}

TEST(RunBatchTest, OutputIsTheSameWhateverTheBatchSize) {
  TempDir dir;
  std::string large;  // in a batch of 16 KB, goes through the pipeline alone (ProcessedTogether)
  for (int i = 0; large.size() < (40u << 10); ++i) large += DocText(i);
  WriteFile(dir / "doc020-large.txt", large);
  const auto files = MakeCorpus(dir, 40);
  RunOptions alone;
  alone.threads = 2;
  alone.batch_bytes = 0;
  const Outputs base = RunOver(files, alone);
  ASSERT_EQ(base.summary.documents, files.size());
  for (uint64_t bytes : {uint64_t{4} << 10, uint64_t{16} << 10, uint64_t{256} << 10, uint64_t{64} << 20}) {
    RunOptions opts;
    opts.threads = 2;
    opts.batch_bytes = bytes;
    const Outputs got = RunOver(files, opts);
    EXPECT_EQ(got.mentions, base.mentions) << bytes << " bytes";
    EXPECT_EQ(got.graph, base.graph) << bytes << " bytes";
    EXPECT_EQ(got.summary.relations, base.summary.relations) << bytes << " bytes";
    ASSERT_EQ(got.order.size(), files.size());
    for (size_t i = 0; i < got.order.size(); ++i) EXPECT_EQ(got.order[i], i);
  }
}

TEST(RunBatchTest, DocumentsOfBatchBytesOrMoreGoAlone) {
  RunOptions opts;
  opts.batch_bytes = 256 << 10;
  EXPECT_TRUE(ProcessedTogether(0, opts));
  EXPECT_TRUE(ProcessedTogether((256 << 10) - 1, opts));
  EXPECT_FALSE(ProcessedTogether(256 << 10, opts));
  EXPECT_FALSE(ProcessedTogether(uint64_t{5} << 30, opts));
  opts.batch_bytes = 0;  // no batches
  EXPECT_FALSE(ProcessedTogether(0, opts));
}

TEST(RunBatchTest, BadDocumentInABatchIsReportedAndTheOthersProcessed) {
  TempDir dir;
  WriteFile(dir / "a.txt", "MIIT will invest 10 billion yuan.");
  WriteFile(dir / "b.txt", std::string("\xff\xfe broken \xc3"));
  WriteFile(dir / "c.txt", "");
  WriteFile(dir / "d.txt", "China plans 5 percent growth in 2025.");
  RunOptions opts;
  opts.batch_bytes = 64 << 20;  // all four in one batch
  const Outputs got = RunOver({dir / "a.txt", dir / "b.txt", dir / "c.txt", dir / "d.txt"}, opts);
  EXPECT_EQ(got.summary.documents, 2u);
  ASSERT_EQ(got.summary.failures.size(), 2u);
  EXPECT_NE(got.summary.failures[0].source.find("b.txt"), std::string::npos);
  EXPECT_NE(got.summary.failures[1].source.find("c.txt"), std::string::npos);
  EXPECT_NE(got.mentions.find("\"doc\":\"a\""), std::string::npos);
  EXPECT_NE(got.mentions.find("\"doc\":\"d\""), std::string::npos);
}

TEST(RunBatchTest, DeliversResultsInInputOrder) {
  TempDir dir;
  const auto files = MakeCorpus(dir, 30);
  RunOptions opts;
  opts.threads = 4;
  const Outputs got = RunOver(files, opts);
  ASSERT_EQ(got.order.size(), files.size());
  for (size_t i = 0; i < got.order.size(); ++i) EXPECT_EQ(got.order[i], i);
}

TEST(RunBatchTest, OversizedDocumentIsReportedAndSkipped) {
  TempDir dir;
  WriteFile(dir / "small.txt", "MIIT will invest 10 billion yuan.");
  WriteFile(dir / "big.txt", std::string(5000, 'a'));
  RunOptions opts;
  opts.max_bytes = 1000;
  const Outputs got = RunOver({dir / "big.txt", dir / "small.txt"}, opts);
  EXPECT_EQ(got.summary.documents, 1u);
  ASSERT_EQ(got.summary.failures.size(), 1u);
  EXPECT_NE(got.summary.failures[0].message.find("--max-bytes"), std::string::npos);
  EXPECT_NE(got.summary.failures[0].message.find("big.txt"), std::string::npos);
}

TEST(RunBatchTest, PipelineStopsAtAnExpiredDeadline) {
  Document doc;
  doc.id = "d";
  doc.text = "MIIT will invest 10 billion yuan. China plans more.";
  Annotations ann;
  ann.deadline = std::chrono::steady_clock::now() - std::chrono::seconds(1);
  Status s = Defaults().pipeline->Process(doc, ann);
  EXPECT_EQ(s.code(), Status::Code::kResourceExhausted);
  EXPECT_NE(s.message().find("time limit"), std::string::npos) << s.message();
}

// Three documents of DocText, as Document and Annotations, with pointers to them.
struct ThreeDocs {
  std::vector<Document> docs{3};
  std::vector<Annotations> anns{3};
  std::vector<Document*> doc_ptrs;
  std::vector<Annotations*> ann_ptrs;
  ThreeDocs() {
    for (int i = 0; i < 3; ++i) {
      docs[i].id = std::string("d").append(std::to_string(i));
      docs[i].text = DocText(i);
      doc_ptrs.push_back(&docs[i]);
      ann_ptrs.push_back(&anns[i]);
    }
  }
};

// Expects `got` to hold what Pipeline::Process finds in DocText(i).
void ExpectAsAlone(const Annotations& got, int i) {
  Document alone;
  alone.id = std::string("d").append(std::to_string(i));
  alone.text = DocText(i);
  Annotations expected;
  ASSERT_TRUE(Defaults().pipeline->Process(alone, expected).ok());
  ASSERT_EQ(got.mentions.size(), expected.mentions.size()) << i;
  for (size_t m = 0; m < expected.mentions.size(); ++m) {
    EXPECT_EQ(got.mentions[m].span, expected.mentions[m].span) << i;
    EXPECT_EQ(got.mentions[m].rule, expected.mentions[m].rule) << i;
    EXPECT_EQ(got.mentions[m].value, expected.mentions[m].value) << i;
  }
  EXPECT_EQ(got.relations.size(), expected.relations.size()) << i;
}

TEST(RunBatchTest, ProcessBatchGivesWhatProcessGivesEachDocument) {
  ThreeDocs three;
  // The first is past its time: it fails on its own, after the first stage, and the others go on.
  three.anns[0].deadline = std::chrono::steady_clock::now() - std::chrono::seconds(1);
  three.anns[1].deadline = std::chrono::steady_clock::now() + std::chrono::minutes(5);
  std::vector<Status> statuses(3);
  Defaults().pipeline->ProcessBatch(three.doc_ptrs, three.ann_ptrs, statuses);
  EXPECT_EQ(statuses[0].code(), Status::Code::kResourceExhausted);
  EXPECT_NE(statuses[0].message().find("time limit"), std::string::npos) << statuses[0].message();
  for (int i = 1; i < 3; ++i) {
    ASSERT_TRUE(statuses[i].ok()) << statuses[i].message();
    ExpectAsAlone(three.anns[i], i);
  }
}

TEST(RunBatchTest, RuleStageBatchPastItsDeadlineAddsNothing) {
  const Pipeline& pipeline = *Defaults().pipeline;
  const Stage* rules = nullptr;
  size_t before = 0;  // the stages before the first rule stage prepare the documents
  for (; before < pipeline.stages().size() && !pipeline.stages()[before]->Batches(); ++before) {}
  ASSERT_LT(before, pipeline.stages().size());
  rules = pipeline.stages()[before].get();
  ThreeDocs three;
  for (int i = 0; i < 3; ++i) {
    for (size_t k = 0; k < before; ++k) ASSERT_TRUE(pipeline.stages()[k]->Process(three.docs[i], three.anns[i]).ok());
  }
  three.anns[2].deadline = std::chrono::steady_clock::now() - std::chrono::seconds(1);
  EXPECT_FALSE(rules->ProcessBatch(three.doc_ptrs, three.ann_ptrs));
  for (const Annotations& a : three.anns) EXPECT_TRUE(a.mentions.empty());
  three.anns[2].deadline = std::chrono::steady_clock::time_point::max();
  ASSERT_TRUE(rules->ProcessBatch(three.doc_ptrs, three.ann_ptrs));
  for (int i = 0; i < 3; ++i) {
    Annotations alone;
    ASSERT_TRUE(rules->Process(three.docs[i], alone).ok());
    ASSERT_EQ(three.anns[i].mentions.size(), alone.mentions.size()) << i;
    for (size_t m = 0; m < alone.mentions.size(); ++m) EXPECT_EQ(three.anns[i].mentions[m].span, alone.mentions[m].span);
  }
}

TEST(RunBatchTest, SlowDocumentTimesOutAndTheBatchGoesOn) {
  TempDir dir;
  std::string big;  // 32 MB: more than 100 ms of work for any engine this side of memcpy
  while (big.size() < (32u << 20)) big += DocText(static_cast<int>(big.size() % 97));
  WriteFile(dir / "a_small.txt", "MIIT will invest 10 billion yuan.");
  WriteFile(dir / "b_big.txt", big);
  WriteFile(dir / "c_small.txt", "China plans 5 percent growth.");
  RunOptions opts;
  opts.timeout_ms = 100;
  const Outputs got = RunOver({dir / "a_small.txt", dir / "b_big.txt", dir / "c_small.txt"}, opts);
  ASSERT_EQ(got.summary.failures.size(), 1u);
  EXPECT_NE(got.summary.failures[0].message.find("time limit reached"), std::string::npos) << got.summary.failures[0].message;
  EXPECT_NE(got.summary.failures[0].message.find("(over --timeout-ms 100)"), std::string::npos);
  EXPECT_NE(got.summary.failures[0].message.find("b_big.txt"), std::string::npos);
  EXPECT_EQ(got.summary.documents, 2u);
}

TEST(RunBatchTest, BadJsonlRecordIsReportedAndTheRestProcessed) {
  std::istringstream in(
      "{\"id\":\"a\",\"text\":\"MIIT will invest 10 billion yuan.\"}\n"
      "not json\n"
      "\n"
      "{\"id\":\"c\",\"text\":\"China plans 5 percent growth.\",\"date\":\"2015-05-08\"}\n");
  JsonlSource source(in, "<stdin>");
  RunOptions opts;
  opts.render_mentions = true;
  std::vector<std::string> ids;
  RunSummary s = RunBatch(*Defaults().pipeline, source, opts, [&](DocResult& r) {
    if (r.status.ok()) ids.push_back(r.doc.id);
  });
  EXPECT_EQ(ids, (std::vector<std::string>{"a", "c"}));
  ASSERT_EQ(s.failures.size(), 1u);
  EXPECT_NE(s.failures[0].message.find("<stdin>:2"), std::string::npos) << s.failures[0].message;
}

TEST(RunBatchTest, RecordRoundTripGivesTheSameOutputs) {
  Document doc;
  doc.id = "rt";
  doc.text = DocText(3) + " \xE2\x80\x9CQuoted\xE2\x80\x9D 3.5 percent and 0.1 percent.";
  doc.meta.date = "2016-01-01";
  Annotations ann;
  ASSERT_TRUE(Defaults().pipeline->Process(doc, ann).ok());
  const KnowledgeGraph fragment = BuildFragment(doc, ann);
  const std::string record = RenderRecord(doc, ann, fragment);
  EXPECT_EQ(record.find('\n'), std::string::npos);
  RunOptions opts;
  opts.render_mentions = opts.build_fragment = opts.render_record = true;
  DocResult r;
  ASSERT_TRUE(ApplyRecord(record, opts, r).ok());
  EXPECT_EQ(r.mentions_jsonl, RenderMentions(doc, ann));
  EXPECT_EQ(ToNodeLink(r.fragment, Json::object()).dump(), ToNodeLink(fragment, Json::object()).dump());
  EXPECT_EQ(r.record, record);
  EXPECT_EQ(r.relations, ann.relations.size());
  EXPECT_FALSE(ApplyRecord("{\"doc\":\"x\"}", opts, r).ok());
  EXPECT_FALSE(ApplyRecord("{trunc", opts, r).ok());
}

TEST(Sha256Test, KnownVectors) {
  const struct {
    std::string in, want;
  } kCases[] = {
      {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
      {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
      {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
      {std::string(1000000, 'a'), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
  };
  for (const auto& c : kCases) EXPECT_EQ(Sha256Hex(c.in), c.want) << c.in.substr(0, 20);
}

TEST(DocumentCacheTest, KeyDependsOnTextMetadataAndSalt) {
  TempDir dir;
  DocumentCache a(dir.path(), "salt-a"), b(dir.path(), "salt-b");
  Document doc;
  doc.id = "d";
  doc.text = "text";
  const std::string k = a.KeyOf(doc);
  EXPECT_EQ(k.size(), 64u);
  EXPECT_EQ(a.KeyOf(doc), k);
  EXPECT_NE(b.KeyOf(doc), k);
  Document changed = doc;
  changed.text = "text!";
  EXPECT_NE(a.KeyOf(changed), k);
  changed = doc;
  changed.meta.date = "2020-01-01";
  EXPECT_NE(a.KeyOf(changed), k);
  changed = doc;
  changed.id = "e";
  EXPECT_NE(a.KeyOf(changed), k);
  changed = doc;
  changed.meta.title = "T";
  EXPECT_NE(a.KeyOf(changed), k);
  // Fields are length-prefixed: moving bytes from one field to the next changes the key.
  Document x, y;
  x.id = "ab";
  x.text = "c";
  y.id = "a";
  y.text = "bc";
  EXPECT_NE(a.KeyOf(x), a.KeyOf(y));
}

TEST(DocumentCacheTest, StoreThenLookup) {
  TempDir dir;
  DocumentCache cache(dir / "c", "s");
  ASSERT_TRUE(cache.Open().ok());
  const std::string key(64, 'a');
  EXPECT_FALSE(cache.Lookup(key).has_value());
  ASSERT_TRUE(cache.Store(key, "{\"x\":1}").ok());
  ASSERT_TRUE(cache.Lookup(key).has_value());
  EXPECT_EQ(*cache.Lookup(key), "{\"x\":1}");
  // No temporary files are left behind.
  size_t files = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir / "c")) files += e.is_regular_file();
  EXPECT_EQ(files, 1u);
}

TEST(RunBatchTest, CacheRerunProcessesOnlyNewDocumentsAndGivesTheSameOutputs) {
  TempDir dir, cache_dir;
  auto files = MakeCorpus(dir, 12);
  DocumentCache cache(cache_dir.path(), DocumentCache::Salt(*Defaults().book, *Defaults().pipeline));
  ASSERT_TRUE(cache.Open().ok());
  RunOptions opts;
  opts.threads = 2;
  opts.cache = &cache;

  const Outputs first = RunOver(files, opts);
  EXPECT_EQ(first.summary.cached, 0u);
  const Outputs second = RunOver(files, opts);
  EXPECT_EQ(second.summary.cached, files.size());
  EXPECT_EQ(second.mentions, first.mentions);
  EXPECT_EQ(second.graph, first.graph);
  EXPECT_EQ(second.summary.mentions_by_type, first.summary.mentions_by_type);
  EXPECT_EQ(second.summary.relations, first.summary.relations);

  // One new document: exactly one is processed, and the outputs equal a full run without cache.
  WriteFile(dir / "doc_new.txt", DocText(99) + " Germany and France will invest 3 billion euros.");
  std::vector<InputFailure> failures;
  files = ListDocumentFiles({dir.path()}, &failures);
  const Outputs third = RunOver(files, opts);
  EXPECT_EQ(third.summary.documents, files.size());
  EXPECT_EQ(third.summary.cached, files.size() - 1);
  RunOptions plain;
  const Outputs full = RunOver(files, plain);
  EXPECT_EQ(third.mentions, full.mentions);
  EXPECT_EQ(third.graph, full.graph);

  // A damaged entry is a miss: the document is processed again, and the result is the same.
  for (const auto& e : std::filesystem::recursive_directory_iterator(cache_dir.path())) {
    if (e.is_regular_file()) {
      WriteFile(e.path().string(), "{\"doc\": trunc");
      break;
    }
  }
  const Outputs fourth = RunOver(files, opts);
  EXPECT_EQ(fourth.summary.cached, files.size() - 1);
  EXPECT_EQ(fourth.mentions, full.mentions);
  EXPECT_EQ(fourth.graph, full.graph);

  // Another reference date changes documents without one: they are processed again.
  opts.ref_date = "2001-01-01";
  const Outputs fifth = RunOver(files, opts);
  EXPECT_LT(fifth.summary.cached, files.size());
}

TEST(FormatSummaryTest, NamesCountsCacheAndFailures) {
  RunSummary s;
  s.documents = 3;
  s.cached = 2;
  s.bytes = 3000000;
  s.seconds = 1.5;
  s.mentions_by_type = {{"MONEY", 4}, {"ORG", 2}};
  s.relations = 1;
  s.failures.push_back({"x.txt", "x.txt: 9 bytes, over the limit of 1 (--max-bytes)"});
  const std::string out = FormatSummary(s);
  EXPECT_NE(out.find("3 documents (3000000 bytes)"), std::string::npos) << out;
  EXPECT_NE(out.find("2 from the cache, 1 processed"), std::string::npos) << out;
  EXPECT_NE(out.find("mentions: 6 (MONEY=4 ORG=2)"), std::string::npos) << out;
  EXPECT_NE(out.find("failed: x.txt: 9 bytes"), std::string::npos) << out;
  EXPECT_NE(out.find("2.0 MB/s"), std::string::npos) << out;
}

TEST(OutputSetTest, NoFileReplacedUnlessAllAreWritten) {
  TempDir dir;
  WriteFile(dir / "mentions.jsonl", "old mentions\n");
  {
    OutputSet set;
    set.Add(dir / "mentions.jsonl").stream() << "new mentions\n";
    AtomicFile& graph = set.Add(dir / "no/such/dir/graph.json");
    EXPECT_FALSE(graph.status().ok());
    Status s = set.Commit();
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.message().find("graph.json: cannot write (No such file or directory)"), std::string::npos)
        << s.message();
  }
  EXPECT_EQ(testing::ReadFile(dir / "mentions.jsonl"), "old mentions\n");
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    EXPECT_EQ(entry.path().string().find(".tmp."), std::string::npos) << "leftover " << entry.path();
  }
  OutputSet set;
  set.Add(dir / "mentions.jsonl").stream() << "new mentions\n";
  set.Add(dir / "graph.json").stream() << "{}\n";
  ASSERT_TRUE(set.Commit().ok());
  EXPECT_EQ(testing::ReadFile(dir / "mentions.jsonl"), "new mentions\n");
  EXPECT_EQ(testing::ReadFile(dir / "graph.json"), "{}\n");
}

TEST(OutputSetTest, DiskFullKeepsTheErrnoText) {
  const int fd = ::open("/dev/full", O_WRONLY | O_CLOEXEC);
  if (fd < 0) GTEST_SKIP() << "no /dev/full";
  FdStreamBuf buf(fd);
  std::ostream out(&buf);
  out << std::string(200000, 'x');
  EXPECT_FALSE(buf.Close());
  EXPECT_EQ(buf.error(), ENOSPC);
}

TEST(OutputSetTest, StaleTemporariesOfDeadProcessesAreRemoved) {
  TempDir dir;
  WriteFile(dir / "graph.json.tmp.999999999", "dead");                             // no such process
  WriteFile(dir / ("graph.dot.tmp." + std::to_string(::getppid())), "alive");  // a live process
  WriteFile(dir / "graph.json.tmp.12x", "not a pid");
  WriteFile(dir / "other.tmp.999999999", "not an output");
  EXPECT_EQ(RemoveStaleTemporaries(dir.path(), {"graph.json", "graph.dot"}), 1u);
  EXPECT_FALSE(std::filesystem::exists(dir / "graph.json.tmp.999999999"));
  EXPECT_TRUE(std::filesystem::exists(dir / ("graph.dot.tmp." + std::to_string(::getppid()))));
  EXPECT_TRUE(std::filesystem::exists(dir / "graph.json.tmp.12x"));
  EXPECT_TRUE(std::filesystem::exists(dir / "other.tmp.999999999"));
}

}  // namespace
}  // namespace policygraph
