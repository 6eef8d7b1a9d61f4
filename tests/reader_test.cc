#include "pipeline/input/reader.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sstream>

#include "pipeline/batch/runner.h"
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
  WriteFile(dir / "a/W.TXT", "w");
  WriteFile(dir / "c.gold.jsonl", "");
  WriteFile(dir / "b.meta.json", "{}");
  WriteFile(dir / ".hidden", "h");
  WriteFile(dir / "records.jsonl", "");
  std::vector<InputFailure> failures;
  std::vector<std::string> skipped;
  auto files = ListDocumentFiles({dir.path()}, &failures, &skipped);
  EXPECT_TRUE(failures.empty());
  ASSERT_EQ(files.size(), 4u);
  EXPECT_EQ(files[0], dir / "a/W.TXT");  // extensions in any case
  EXPECT_EQ(files[1], dir / "a/y.txt");
  EXPECT_EQ(files[2], dir / "a/z.md");
  EXPECT_EQ(files[3], dir / "b.txt");
  // Other files are named (sidecars, gold files and hidden files aside); JSON Lines only when named.
  EXPECT_EQ(skipped, (std::vector<std::string>{dir / "a/ignored.json", dir / "records.jsonl"}));
  EXPECT_EQ(DescribeSkipped(skipped), "skipped 2 files of the directories that are not documents (.json 1, .jsonl 1), "
                                      "e.g. " + dir / "a/ignored.json" +
                                      "; JSON Lines files are read when named, not from a directory");
  EXPECT_EQ(DescribeSkipped({}), "");
}

TEST(ReaderTest, ADirectoryWithoutDocumentsIsAFailure) {
  TempDir dir;
  WriteFile(dir / "empty/.keep", "");
  WriteFile(dir / "other/notes.docx", "x");
  std::vector<InputFailure> failures;
  auto files = ListDocumentFiles({dir / "empty", dir / "other"}, &failures);
  EXPECT_TRUE(files.empty());
  ASSERT_EQ(failures.size(), 2u);
  EXPECT_EQ(failures[0].message, "no documents in it (.txt, .md, .pdf, .html, .htm)");
  EXPECT_EQ(failures[1].message, "no documents in it (.txt, .md, .pdf, .html, .htm); 1 other file");
}

TEST(ReaderTest, AJsonLinesFileGivesADocumentPerLine) {
  TempDir dir;
  WriteFile(dir / "a.txt", "Text one.");
  WriteFile(dir / "b.jsonl", "{\"id\":\"r1\",\"text\":\"Record one.\"}\n\n{\"id\":\"r2\",\"text\":\"\"}\nnot json\n"
                            "{\"id\":\"r4\",\"text\":\"Record four.\",\"date\":\"2024-05-06\"}\n");
  WriteFile(dir / "c.md", "Text two.");
  FileSource source({dir / "a.txt", dir / "b.jsonl", dir / "missing.ndjson", dir / "c.md"});
  EXPECT_EQ(source.size_hint(), 0u);  // records are not counted ahead
  std::vector<std::pair<std::string, std::string>> got;  // source, id or error
  size_t index, expect = 0;
  std::string name, line;
  while (source.Next(&index, &name, &line)) {
    EXPECT_EQ(index, expect++);
    auto doc = source.Read(name, line);
    got.emplace_back(name, doc.ok() ? doc->id : doc.status().message());
  }
  const std::vector<std::pair<std::string, std::string>> want = {
      {dir / "a.txt", "a"},
      {dir / "b.jsonl:1", "r1"},
      {dir / "b.jsonl:3", dir / "b.jsonl:3: record's text is empty"},
      {dir / "b.jsonl:4", dir / "b.jsonl:4: not a JSON object"},
      {dir / "b.jsonl:5", "r4"},
      {dir / "missing.ndjson", dir / "missing.ndjson: cannot open: No such file or directory"},
      {dir / "c.md", "c"}};
  EXPECT_EQ(got, want);
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
  // Integer ids keep their digits, to the largest of 64 bits; a larger or fractional one is refused.
  auto big = ParseJsonlRecord(R"({"id":12345678901234567890,"text":"x"})", "<stdin>:5");
  ASSERT_TRUE(big.ok());
  EXPECT_EQ(big->id, "12345678901234567890");
  auto negative = ParseJsonlRecord(R"({"id":-42,"text":"x"})", "<stdin>:6");
  ASSERT_TRUE(negative.ok());
  EXPECT_EQ(negative->id, "-42");
  auto huge = ParseJsonlRecord(R"({"id":123456789012345678901234,"text":"x"})", "<stdin>:7");
  ASSERT_FALSE(huge.ok());
  EXPECT_NE(huge.status().message().find("<stdin>:7: 'id' "), std::string::npos) << huge.status().message();
  EXPECT_NE(huge.status().message().find("write it as a string"), std::string::npos);
  auto object_id = ParseJsonlRecord(R"({"id":{"a":1},"text":"x"})", "<stdin>:8");
  ASSERT_FALSE(object_id.ok());
  EXPECT_EQ(object_id.status().message(), "<stdin>:8: 'id' must be a string or an integer");
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
  });
  EXPECT_EQ(summary.documents, 2u);
  ASSERT_EQ(summary.failures.size(), 2u);
  EXPECT_NE(summary.failures[0].message.find("2-bad.txt: invalid UTF-8 at byte 4"), std::string::npos);
  EXPECT_NE(summary.failures[1].message.find("3-empty.txt: empty file (0 bytes)"), std::string::npos);
  ASSERT_EQ(seen.size(), 4u);  // in input order, failures included
  EXPECT_EQ(seen[0], "1-good");
  EXPECT_EQ(seen[3], "4-good");
  EXPECT_NE(FormatSummary(summary).find("2 failed"), std::string::npos);
}

TEST(ReaderTest, ADocumentWithoutTextIsAnError) {
  TempDir dir;
  WriteFile(dir / "empty.txt", "");
  WriteFile(dir / "blank.md", " \n\t\n");
  WriteFile(dir / "empty.html", "");
  WriteFile(dir / "script.html", "<html><head><title>T</title></head><body><script>var x;</script> </body></html>");
  auto message = [&](const std::string& name) {
    auto doc = ReadDocumentFile(dir / name);
    return doc.ok() ? std::string("read") : doc.status().message();
  };
  EXPECT_EQ(message("empty.txt"), dir / "empty.txt" + ": empty file (0 bytes)");
  EXPECT_EQ(message("blank.md"), dir / "blank.md" + ": no text (white space only)");
  EXPECT_EQ(message("empty.html"), dir / "empty.html" + ": empty file (0 bytes)");
  EXPECT_EQ(message("script.html"), dir / "script.html" + ": no visible text");
  auto record = ParseJsonlRecord(R"({"id":"r","text":" \n "})", "<stdin>:3");
  ASSERT_FALSE(record.ok());
  EXPECT_EQ(record.status().message(), "<stdin>:3: record's text is empty");
  EXPECT_TRUE(ParseJsonlRecord(R"({"id":"r","text":"x"})", "<stdin>:4").ok());
}

TEST(ReaderTest, MaxBytesIsCheckedBeforeReading) {
  TempDir dir;
  WriteFile(dir / "big.txt", std::string(5000, 'a'));
  auto doc = ReadDocumentFile(dir / "big.txt", 1000);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), Status::Code::kResourceExhausted);
  EXPECT_NE(doc.status().message().find("big.txt: 5000 bytes, over the limit of 1000 (--max-bytes)"), std::string::npos)
      << doc.status().message();
  EXPECT_TRUE(ReadDocumentFile(dir / "big.txt", 5000).ok());
}

TEST(ReaderTest, NonRegularFilesAreRefusedByName) {
  TempDir dir;
  const std::string fifo = dir / "pipe.txt";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  auto doc = ReadDocumentFile(fifo);  // must not wait for a writer
  ASSERT_FALSE(doc.ok());
  EXPECT_NE(doc.status().message().find("pipe.txt: not a regular file (a FIFO)"), std::string::npos)
      << doc.status().message();
  auto dev = ReadDocumentFile("/dev/zero", 1000);
  ASSERT_FALSE(dev.ok());
  EXPECT_NE(dev.status().message().find("a character device"), std::string::npos) << dev.status().message();
  std::vector<InputFailure> failures;
  WriteFile(dir / "ok.txt", "fine");
  auto files = ListDocumentFiles({dir.path(), "/dev/zero"}, &failures);
  EXPECT_EQ(files, std::vector<std::string>{dir / "ok.txt"});
  ASSERT_EQ(failures.size(), 2u);
  EXPECT_EQ(failures[0].source, fifo);
  EXPECT_EQ(failures[0].message, "not a regular file (a FIFO), skipped");
  EXPECT_EQ(failures[1].source, "/dev/zero");
}

TEST(ReaderTest, BrokenSymlinksAreReportedByName) {
  TempDir dir;
  WriteFile(dir / "real.txt", "fine");
  std::filesystem::create_symlink(dir / "real.txt", dir / "link.txt");
  std::filesystem::create_symlink(dir / "gone.txt", dir / "dangling.txt");
  std::filesystem::create_symlink(dir / "loop_b", dir / "loop_a");
  std::filesystem::create_symlink(dir / "loop_a", dir / "loop_b");
  std::vector<InputFailure> failures;
  auto files = ListDocumentFiles({dir.path()}, &failures);
  EXPECT_EQ(files, (std::vector<std::string>{dir / "link.txt", dir / "real.txt"}));
  ASSERT_EQ(failures.size(), 3u);
  EXPECT_EQ(failures[0].source, dir / "dangling.txt");
  EXPECT_EQ(failures[0].message, "dangling symbolic link");
  EXPECT_EQ(failures[1].source, dir / "loop_a");
  EXPECT_NE(failures[1].message.find("symbolic link loop"), std::string::npos) << failures[1].message;
  failures.clear();
  ListDocumentFiles({dir / "dangling.txt", dir / "loop_a"}, &failures);
  ASSERT_EQ(failures.size(), 2u);
  EXPECT_EQ(failures[0].message, "dangling symbolic link");
  EXPECT_NE(failures[1].message.find("symbolic link loop"), std::string::npos) << failures[1].message;
}

TEST(ReaderTest, UnreadableDirectoryIsReported) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads every directory";
  TempDir dir;
  WriteFile(dir / "a.txt", "fine");
  WriteFile(dir / "locked/b.txt", "hidden");
  std::filesystem::permissions(dir / "locked", std::filesystem::perms::none);
  std::vector<InputFailure> failures;
  auto files = ListDocumentFiles({dir.path()}, &failures);
  std::filesystem::permissions(dir / "locked", std::filesystem::perms::owner_all);
  EXPECT_EQ(files, std::vector<std::string>{dir / "a.txt"});
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_EQ(failures[0].source, dir / "locked");
  EXPECT_NE(failures[0].message.find("cannot list directory: Permission denied"), std::string::npos);
}

TEST(ReaderTest, FileNameThatIsNotUtf8GivesAValidId) {
  TempDir dir;
  WriteFile(dir / "bad\xFFname.txt", "About 40 percent.");
  auto doc = ReadDocumentFile(dir / "bad\xFFname.txt");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->id, "bad\xEF\xBF\xBDname");
  EXPECT_TRUE(CheckUtf8(doc->source).ok());
  EXPECT_EQ(ValidUtf8("ok \xC3\xA9 \xE2\x80 \xFF"), "ok \xC3\xA9 \xEF\xBF\xBD \xEF\xBF\xBD");
}

TEST(ReaderTest, DatesMustBeCalendarDates) {
  for (const char* good : {"2020-02-29", "2019-12-31", "2025-03", "2025", "1990-08-15T13:37", "1990-08-15T23:59:59"}) EXPECT_TRUE(IsValidDate(good)) << good;
  for (const char* bad : {"2020-02-30", "2019-02-29", "2025-13-45", "2025-00-10", "yesterday", "", "2025-1-1",
                          "20250101", "0999", "2025-01-01T24:00", "2025-01-01T12:60", "2025-01-01T12",
                          "2020-02-30T10:00"}) {
    EXPECT_FALSE(IsValidDate(bad)) << bad;
  }
  auto rec = ParseJsonlRecord(R"({"id":"a","text":"x","date":"2025-13-45"})", "<stdin>:3");
  ASSERT_FALSE(rec.ok());
  EXPECT_EQ(rec.status().message(), "<stdin>:3: date '2025-13-45' is not a calendar date (YYYY-MM-DD)");
  TempDir dir;
  WriteFile(dir / "d.txt", "text");
  WriteFile(dir / "d.meta.json", R"({"date": "2020-02-30"})");
  auto doc = ReadDocumentFile(dir / "d.txt");
  ASSERT_FALSE(doc.ok());
  EXPECT_NE(doc.status().message().find("d.meta.json: date '2020-02-30' is not a calendar date"), std::string::npos)
      << doc.status().message();
}

TEST(ReaderTest, DeepJsonIsRefusedBeforeParsing) {
  EXPECT_TRUE(CheckJsonDepth(R"({"a":[[1],{"b":"[[[[{{{{\"]]"}]})", 3).ok());
  EXPECT_FALSE(CheckJsonDepth("[[[[1]]]]", 3).ok());
  const std::string deep = std::string(200000, '[') + std::string(200000, ']');
  EXPECT_EQ(CheckJsonDepth(deep).message(), "JSON nested deeper than 512 levels");
  auto rec = ParseJsonlRecord(R"({"id":"a","text":"x","extra":)" + deep + "}", "<stdin>:1");
  ASSERT_FALSE(rec.ok());
  EXPECT_NE(rec.status().message().find("<stdin>:1: JSON nested deeper"), std::string::npos);
}

TEST(ReaderTest, OverlongJsonlLineIsSkippedUnheld) {
  std::string big = "{\"id\":\"big\",\"text\":\"" + std::string((1 << 20) + 5000, 'a') + "\"}";
  std::istringstream in("{\"id\":\"a\",\"text\":\"x\"}\n" + big + "\n\n{\"id\":\"c\",\"text\":\"y\"}");
  JsonlSource source(in, "<stdin>", 1000);
  size_t index;
  std::string name, line;
  ASSERT_TRUE(source.Next(&index, &name, &line));
  EXPECT_EQ(line, "{\"id\":\"a\",\"text\":\"x\"}");
  ASSERT_TRUE(source.Next(&index, &name, &line));
  EXPECT_EQ(name, "<stdin>:2");
  EXPECT_TRUE(line.empty());
  auto doc = source.Read(name, line);
  ASSERT_FALSE(doc.ok());
  EXPECT_NE(doc.status().message().find("<stdin>:2: line longer than"), std::string::npos) << doc.status().message();
  ASSERT_TRUE(source.Next(&index, &name, &line));
  EXPECT_EQ(name, "<stdin>:4");
  EXPECT_EQ(line, "{\"id\":\"c\",\"text\":\"y\"}");
  EXPECT_FALSE(source.Next(&index, &name, &line));
}

}  // namespace
}  // namespace policygraph
