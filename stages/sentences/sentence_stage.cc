#include "stages/sentences/sentence_stage.h"

#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <cctype>
#include <cstring>
#include <iterator>
#include <set>
#include <string_view>
#include <utility>
#include <vector>

#include "pipeline/rules/word_list.h"

namespace policygraph {
namespace {

bool IsSpaceByte(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }


// Abbreviations after which a period does not end a sentence, on top of ICU's English list: the
// word list's and the months' ("Sept.").
FormSet Abbreviations() {
  FormSet out = WordFormSet(WordList("abbreviations"));
  out.merge(WordFormSet(WordList("months"), WordForms::kAliases, "."));
  return out;
}

// ICU's own abbreviation filter (FilteredBreakIteratorBuilder) does not suppress a break after
// "U.S." when a capitalized word follows ("the U.S. Manufacturing USA program"), which is exactly
// the case policy text needs; so breaks are filtered here by the word before them.
bool EndsWithAbbreviation(std::string_view text, size_t brk) {
  static const FormSet kSet = Abbreviations();
  size_t end = brk;
  while (end > 0 && IsSpaceByte(text[end - 1])) --end;
  if (end == 0 || text[end - 1] != '.') return false;
  if (end < brk && text.substr(end, brk - end).find('\n') != std::string_view::npos) return false;
  size_t start = end;
  while (start > 0 && !IsSpaceByte(text[start - 1])) --start;
  std::string_view word = text.substr(start, end - start);
  while (!word.empty() && (word.front() == '(' || word.front() == '"' || word.front() == '\'')) word.remove_prefix(1);
  if (kSet.count(word)) return true;
  // An initial: "John F. Kennedy", "Harry S. Truman".
  return word.size() == 2 && std::isupper(static_cast<unsigned char>(word[0]));
}

// A buffer of at least `size` UTF-16 units. Up to 4 Mi units (8 MB) it is the thread's, kept for
// its next document: fresh pages for every document cost more than the conversion. A larger one is
// `local`, the caller's, freed when the caller returns (it would otherwise stay through the rest
// of the pipeline: twice the text).
std::vector<UChar>& Utf16Buffer(size_t size, std::vector<UChar>& local) {
  constexpr size_t kKeep = size_t{4} << 20;
  thread_local std::vector<UChar> kept;
  std::vector<UChar>& buf = size <= kKeep ? kept : local;
  if (buf.size() < size) buf.resize(size);
  return buf;
}

// `text` as UTF-16 (invalid bytes as U+FFFD, as a UTF-8 UText reads them); returns the length.
// ASCII, most of policy text, is widened directly, 16 bytes at a time; ICU converts the rest.
int32_t ToUtf16(std::string_view text, UChar* out, int32_t capacity, UErrorCode* status) {
  const auto* in = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    uint64_t a, b;
    std::memcpy(&a, in + i, 8);
    std::memcpy(&b, in + i + 8, 8);
    if ((a | b) & 0x8080808080808080ull) break;
    for (size_t j = 0; j < 16; ++j) out[i + j] = in[i + j];
  }
  for (; i < n && in[i] < 0x80; ++i) out[i] = in[i];
  if (i == n) return static_cast<int32_t>(n);
  int32_t rest = 0;
  u_strFromUTF8WithSub(out + i, capacity - static_cast<int32_t>(i), &rest, text.data() + i,
                       static_cast<int32_t>(n - i), 0xFFFD, nullptr, status);
  return static_cast<int32_t>(i) + rest;
}

}  // namespace

SentenceStage::SentenceStage() {
  UErrorCode status = U_ZERO_ERROR;
  prototype_.reset(icu::BreakIterator::createSentenceInstance(icu::Locale::getEnglish(), status));
  if (U_FAILURE(status)) prototype_.reset();
}

const std::string& SentenceStage::Name() const {
  static const std::string kName = "sentences";
  return kName;
}

std::vector<Span> SentenceStage::Split(std::string_view text, DeadlineCheck* late) const {
  std::vector<Span> out;
  auto add = [&](size_t a, size_t b) {
    while (a < b && IsSpaceByte(text[a])) ++a;
    while (b > a && IsSpaceByte(text[b - 1])) --b;
    if (a < b) out.push_back({static_cast<uint32_t>(a), static_cast<uint32_t>(b)});
  };
  // BreakIterator is not thread-safe: each thread keeps its own clone of the prototype.
  thread_local std::unique_ptr<icu::BreakIterator> iter;
  thread_local const SentenceStage* owner = nullptr;
  if (prototype_ == nullptr) {
    add(0, text.size());
    return out;
  }
  if (owner != this || iter == nullptr) {
    iter.reset(prototype_->clone());
    owner = this;
  }
  // ICU iterates fastest over UTF-16 held in one chunk (a UTF-8 UText converts 32 characters at
  // a time behind every access), so the text is converted once; for ASCII text the UTF-16 indices
  // are the byte offsets, otherwise a cursor walks both encodings forward to map them back.
  std::vector<UChar> large;
  std::vector<UChar>& utf16 = Utf16Buffer(text.size() + 1, large);
  UErrorCode status = U_ZERO_ERROR;
  const int32_t length16 = ToUtf16(text, utf16.data(), static_cast<int32_t>(utf16.size()), &status);
  UText* ut = U_SUCCESS(status) ? utext_openUChars(nullptr, utf16.data(), length16, &status) : nullptr;
  if (ut == nullptr || U_FAILURE(status)) {
    if (ut != nullptr) utext_close(ut);
    add(0, text.size());
    return out;
  }
  const bool ascii = static_cast<size_t>(length16) == text.size();
  size_t cursor8 = 0;
  int32_t cursor16 = 0;
  auto to_utf8 = [&](int32_t index16) -> size_t {
    if (ascii) return static_cast<size_t>(index16);
    while (cursor16 < index16 && cursor8 < text.size()) {
      UChar32 c;
      int32_t i = static_cast<int32_t>(cursor8);
      U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, static_cast<int32_t>(text.size()), c);
      cursor8 = static_cast<size_t>(i);
      cursor16 += U16_LENGTH(c < 0 ? 0xFFFD : c);
    }
    return cursor8;
  };
  iter->setText(ut, status);
  size_t prev = 0, scanned = 0;
  iter->first();
  for (int32_t b16 = iter->next(); b16 != icu::BreakIterator::DONE; b16 = iter->next()) {
    const size_t b = to_utf8(b16);
    if (late != nullptr && late->After(b - std::exchange(scanned, b))) break;
    if (b < text.size() && EndsWithAbbreviation(text, b)) continue;
    add(prev, b);
    prev = b;
  }
  if (prev < text.size() && (late == nullptr || !late->After(0))) add(prev, text.size());
  utext_close(ut);
  return out;
}

Status SentenceStage::Process(Document& doc, Annotations& out) const {
  DeadlineCheck late(out);
  doc.sentences = Split(doc.view.text(), &late);
  if (late.After(0)) return Status::ResourceExhausted("time limit reached in stage 'sentences'");
  return Status::Ok();
}

}  // namespace policygraph
