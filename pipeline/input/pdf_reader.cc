#include "pipeline/input/pdf_reader.h"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <chrono>
#include <climits>
#include <memory>
#include <mutex>
#include <vector>

#include "pipeline/input/pdf_layout.h"

namespace policygraph {
namespace {

// Poppler's last message on this thread (it reports on the thread that calls it), for errors.
thread_local std::string t_poppler_error;

void KeepPopplerError(const std::string& message, void*) { t_poppler_error = message; }

// Poppler prints its errors on stderr unless given a function for them: set one, once.
void SilencePoppler() {
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function(KeepPopplerError, nullptr); });
}

std::string Utf8(const poppler::ustring& s) {
  const poppler::byte_array bytes = s.to_utf8();
  return ValidUtf8(std::string_view(bytes.data(), bytes.size()));
}

std::string Trimmed(std::string s) {
  const size_t start = s.find_first_not_of(" \t\r\n");
  if (start == std::string::npos) return std::string();
  return s.substr(start, s.find_last_not_of(" \t\r\n") - start + 1);
}

// What can be told from the bytes alone: empty, not a PDF, cut short.
Status CheckPdfBytes(std::string_view bytes, const std::string& path) {
  if (bytes.empty()) return Status::DataLoss(path + ": empty file (0 bytes), not a PDF");
  if (bytes.substr(0, 1024).find("%PDF-") == std::string_view::npos) {
    return Status::DataLoss(path + ": not a PDF (no %PDF- header)");
  }
  if (bytes.substr(bytes.size() - std::min<size_t>(bytes.size(), 1024)).find("%%EOF") == std::string_view::npos) {
    return Status::DataLoss(path + ": truncated PDF (no %%EOF at its end)");
  }
  if (bytes.size() > static_cast<size_t>(INT_MAX)) {
    return Status::ResourceExhausted(path + ": a PDF of 2 GiB or more cannot be read");
  }
  return Status::Ok();
}

std::vector<PdfWord> PageWords(const poppler::page& page) {
  std::vector<PdfWord> words;
  for (const poppler::text_box& box : page.text_list()) {
    const poppler::rectf r = box.bbox();
    words.push_back({Utf8(box.text()), r.x(), r.y(), r.width(), r.height(), box.has_space_after()});
  }
  return words;
}

// The lines of every page, within the limits on text and time.
Status ReadPages(const poppler::document& pdf, const ReadLimits& limits, const std::string& path,
                 std::vector<std::vector<PdfLine>>* pages) {
  using Clock = std::chrono::steady_clock;
  const auto deadline = Clock::now() + std::chrono::milliseconds(limits.timeout_ms);
  uint64_t text_bytes = 0;
  for (int i = 0; i < pdf.pages(); ++i) {
    std::unique_ptr<poppler::page> page(pdf.create_page(i));
    if (!page) return Status::DataLoss(path + ": page " + std::to_string(i + 1) + " cannot be read");
    std::vector<PdfLine> lines = GroupLines(PageWords(*page));
    for (const PdfLine& l : lines) text_bytes += l.text.size() + 1;
    if (text_bytes > limits.max_bytes) {
      return Status::ResourceExhausted(path + ": more than " + std::to_string(limits.max_bytes) +
                                       " bytes of text by page " + std::to_string(i + 1) + " (--max-bytes)");
    }
    if (limits.timeout_ms > 0 && Clock::now() > deadline) {
      return Status::ResourceExhausted(path + ": reading its text took longer than " +
                                       std::to_string(limits.timeout_ms) + " ms, at page " + std::to_string(i + 1) +
                                       " (--timeout-ms)");
    }
    pages->push_back(std::move(lines));
  }
  return Status::Ok();
}

// Opens the PDF: a document that is not locked and has from 1 to limits.max_pages pages.
StatusOr<std::unique_ptr<poppler::document>> OpenPdf(std::string_view bytes, const ReadLimits& limits,
                                                    const std::string& path) {
  SilencePoppler();
  t_poppler_error.clear();
  std::unique_ptr<poppler::document> pdf(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!pdf) {
    std::string why = t_poppler_error.empty() ? std::string("damaged") : t_poppler_error;
    return Status::DataLoss(path + ": cannot read the PDF (" + why + ")");
  }
  if (pdf->is_locked()) return Status::DataLoss(path + ": encrypted PDF (locked: it needs a password)");
  const int pages = pdf->pages();
  if (pages <= 0) return Status::DataLoss(path + ": PDF without pages");
  if (pages > limits.max_pages) {
    return Status::ResourceExhausted(path + ": " + std::to_string(pages) + " pages, over the limit of " +
                                     std::to_string(limits.max_pages) + " (--max-pages)");
  }
  return pdf;
}

}  // namespace

std::string PdfDate(std::string_view s) {
  if (s.starts_with("D:")) s.remove_prefix(2);
  size_t digits = 0;
  while (digits < s.size() && digits < 8 && s[digits] >= '0' && s[digits] <= '9') ++digits;
  std::string date;
  if (digits >= 4) date = std::string(s.substr(0, 4));
  for (size_t at = 4; at + 2 <= digits; at += 2) {  // built by appending (GCC 12's -Wrestrict)
    date += '-';
    date.append(s.substr(at, 2));
  }
  return IsValidDate(date) ? date : std::string();
}

Status ReadPdf(std::string_view bytes, const ReadLimits& limits, Document& doc) {
  const std::string& path = doc.source;
  if (Status s = CheckPdfBytes(bytes, path); !s.ok()) return s;
  StatusOr<std::unique_ptr<poppler::document>> opened = OpenPdf(bytes, limits, path);
  if (!opened.ok()) return opened.status();
  const std::unique_ptr<poppler::document> pdf = std::move(opened).value();
  std::vector<std::vector<PdfLine>> pages;
  if (Status s = ReadPages(*pdf, limits, path, &pages); !s.ok()) return s;
  DropRunningLines(pages);
  doc.text = LayOutPages(pages, &doc.page_starts);
  if (doc.text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Status::DataLoss(path + ": PDF without text (none on any of its " + std::to_string(pages.size()) +
                            " pages: images only, a scan?)");
  }
  doc.meta.title = Trimmed(Utf8(pdf->info_key("Title")));
  doc.meta.date = PdfDate(Trimmed(Utf8(pdf->info_key("CreationDate"))));
  if (!doc.meta.date.empty()) doc.meta.date_source = "pdf";
  return Status::Ok();
}

}  // namespace policygraph
