#include "pipeline/reader.h"

#include <gtest/gtest.h>

#include "pipeline/runner.h"
#include "tests/test_util.h"

namespace policygraph {
namespace {

using testing::TempDir;
using testing::WriteFile;

TEST(ReaderTest, InvalidUtf8NamesFileAndByteOffset) {
  TempDir dir;
  WriteFile(dir / "bad.txt", std::string("caf\xC3\xA9 ok \xFF\xFE tail"));
  auto doc = ReadDocumentFile(dir / "bad.txt");
  ASSERT_FALSE(doc.ok());
  EXPECT_NE(doc.status().message().find(dir / "bad.txt"), std::string::npos) << doc.status().message();
  EXPECT_NE(doc.status().message().find("invalid UTF-8 at byte 9"), std::string::npos) << doc.status().message();
}

TEST(ReaderTest, TruncatedMultibyteSequenceAtEnd) {
  EXPECT_FALSE(CheckUtf8("abc\xE2\x80").ok());
  EXPECT_TRUE(CheckUtf8("abc\xE2\x80\x99").ok());
  EXPECT_EQ(CheckUtf8("ab\xC0\xAF").message(), "invalid UTF-8 at byte 2");  // overlong encoding
}

TEST(ReaderTest, BinaryFileIsRejected) {
  TempDir dir;
  WriteFile(dir / "image.txt", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  auto doc = ReadDocumentFile(dir / "image.txt");
  ASSERT_FALSE(doc.ok());
  EXPECT_NE(doc.status().message().find("binary file"), std::string::npos);
  EXPECT_NE(doc.status().message().find("image.txt"), std::string::npos);
}

TEST(ReaderTest, UnreadablePathsAreReportedNotDropped) {
  TempDir dir;
  std::vector<InputFailure> failures;
  auto files = ListDocumentFiles({dir / "missing", dir / "also-missing.txt"}, &failures);
  EXPECT_TRUE(files.empty());
  ASSERT_EQ(failures.size(), 2u);
  EXPECT_EQ(failures[0].source, dir / "missing");
  auto doc = ReadDocumentFile(dir / "nope.txt");
  ASSERT_FALSE(doc.ok());
  EXPECT_NE(doc.status().message().find("nope.txt: cannot open"), std::string::npos);
}

TEST(ReaderTest, DirectoriesAreRecursiveSortedAndFiltered) {
  TempDir dir;
  WriteFile(dir / "b.txt", "b");
  WriteFile(dir / "a/z.md", "z");
  WriteFile(dir / "a/y.txt", "y");
  WriteFile(dir / "a/ignored.json", "{}");
  WriteFile(dir / "c.gold.jsonl", "");
  std::vector<InputFailure> failures;
  auto files = ListDocumentFiles({dir.path()}, &failures);
  EXPECT_TRUE(failures.empty());
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(files[0], dir / "a/y.txt");
  EXPECT_EQ(files[1], dir / "a/z.md");
  EXPECT_EQ(files[2], dir / "b.txt");
}

TEST(ReaderTest, SidecarGivesMetadata) {
  TempDir dir;
  WriteFile(dir / "report.txt", "text");
  WriteFile(dir / "report.meta.json", R"({"date": "2025-03-14", "title": "A report"})");
  auto doc = ReadDocumentFile(dir / "report.txt");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->id, "report");
  EXPECT_EQ(doc->meta.date, "2025-03-14");
  EXPECT_EQ(doc->meta.date_source, "sidecar");
  EXPECT_EQ(doc->meta.title, "A report");
  WriteFile(dir / "broken.txt", "text");
  WriteFile(dir / "broken.meta.json", "{not json");
  auto bad = ReadDocumentFile(dir / "broken.txt");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("broken.meta.json"), std::string::npos);
}

TEST(ReaderTest, HeaderDateIsDetected) {
  Document doc;
  doc.text = "HR 1000 IH\n\n116th CONGRESS\n\nFebruary 6, 2019\nMs. Wilson introduced the following bill";
  DetectHeaderDate(doc);
  EXPECT_EQ(doc.meta.date, "2019-02-06");
  EXPECT_EQ(doc.meta.date_source, "header");
}

TEST(ReaderTest, JsonlRecords) {
  auto ok = ParseJsonlRecord(R"({"id":"d1","text":"hello","date":"2020-01-02"})", "<stdin>:1");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->id, "d1");
  EXPECT_EQ(ok->meta.date_source, "jsonl");
  auto no_text = ParseJsonlRecord(R"({"id":"d1"})", "<stdin>:2");
  ASSERT_FALSE(no_text.ok());
  EXPECT_EQ(no_text.status().message(), "<stdin>:2: record needs a string 'text'");
  EXPECT_FALSE(ParseJsonlRecord("not json", "<stdin>:3").ok());
  EXPECT_FALSE(ParseJsonlRecord(R"({"text":"no id"})", "<stdin>:4").ok());
}

TEST(ReaderTest, BatchGoesOnPastBadDocumentsAndCountsThem) {
  TempDir dir;
  WriteFile(dir / "1-good.txt", "Made in China 2025 aims at 80 % by 2025.");
  WriteFile(dir / "2-bad.txt", std::string("bad \xFF byte"));
  WriteFile(dir / "3-empty.txt", "");
  WriteFile(dir / "4-good.txt", "Another 12 percent.");
  std::vector<InputFailure> failures;
  FileSource source(ListDocumentFiles({dir.path()}, &failures));
  std::vector<std::string> seen;
  RunOptions options;
  options.threads = 2;
  RunSummary summary = RunBatch(*testing::Defaults().pipeline, source, options, [&](DocResult& r) {
    seen.push_back(r.doc.id.empty() ? r.source : r.doc.id);
    if (r.doc.id == "3-empty") {
      EXPECT_TRUE(r.ann.mentions.empty());
    }
  });
  EXPECT_EQ(summary.documents, 3u);
  ASSERT_EQ(summary.failures.size(), 1u);
  EXPECT_NE(summary.failures[0].message.find("2-bad.txt: invalid UTF-8 at byte 4"), std::string::npos);
  ASSERT_EQ(seen.size(), 4u);  // in input order, failures included
  EXPECT_EQ(seen[0], "1-good");
  EXPECT_EQ(seen[3], "4-good");
  EXPECT_NE(FormatSummary(summary).find("1 failed"), std::string::npos);
}

}  // namespace
}  // namespace policygraph
