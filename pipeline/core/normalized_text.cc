#include "pipeline/core/normalized_text.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>

namespace policygraph {
namespace {

constexpr bool IsAsciiSpace(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Bytes copied to the view unchanged, whatever surrounds them: ASCII other than whitespace.
constexpr auto kPlainAscii = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 0x80; ++c) t[c] = !IsAsciiSpace(static_cast<unsigned char>(c));
  return t;
}();

bool IsNewline(UChar32 c) { return c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029 || c == 0x85; }

bool IsSpace(UChar32 c) {
  if (c < 0x80) return IsAsciiSpace(static_cast<unsigned char>(c));
  return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
         c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

// ASCII stand-ins for typographic punctuation; 0 when `c` is not folded.
char FoldPunctuation(UChar32 c) {
  switch (c) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x02BC: case 0xFF07:
      return '\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0x00AB: case 0x00BB: case 0xFF02:
      return '"';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
    case 0xFE58: case 0xFE63: case 0xFF0D:
      return '-';
    default:
      return 0;
  }
}

const icu::Normalizer2* Nfkc() {
  static const icu::Normalizer2* nfkc = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCInstance(status);
    return U_SUCCESS(status) ? n : nullptr;
  }();
  return nfkc;
}

// NFKC of a run of non-ASCII characters, or the run itself when it is already normalized.
std::string NfkcOf(std::string_view run) {
  const icu::Normalizer2* nfkc = Nfkc();
  if (nfkc == nullptr) return std::string(run);
  UErrorCode status = U_ZERO_ERROR;
  if (nfkc->isNormalizedUTF8(icu::StringPiece(run.data(), run.size()), status) && U_SUCCESS(status)) {
    return std::string(run);
  }
  std::string out;
  icu::StringByteSink<std::string> sink(&out);
  status = U_ZERO_ERROR;
  nfkc->normalizeUTF8(0, icu::StringPiece(run.data(), run.size()), sink, nullptr, status);
  return U_SUCCESS(status) ? out : std::string(run);
}

}  // namespace

void NormalizedText::AppendEdit(uint32_t orig_start, uint32_t orig_len, std::string_view replacement) {
  edits_.push_back({static_cast<uint32_t>(text_.size()), static_cast<uint32_t>(replacement.size()), orig_start, orig_len});
  text_.append(replacement);
}

NormalizedText NormalizedText::Build(std::string_view s) {
  DeadlineCheck never([] { return false; });
  return *Build(s, never);
}

std::optional<NormalizedText> NormalizedText::Build(std::string_view s, DeadlineCheck& late) {
  constexpr int32_t kBlock = 64 << 10;  // the deadline is checked once per block of this many bytes
  NormalizedText out;
  out.text_.reserve(s.size());
  const int32_t n = static_cast<int32_t>(s.size());
  const uint8_t* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t i = 0;
  int32_t copy_from = 0;  // start of the pending run of bytes copied unchanged
  while (i < n) {
    const int32_t block_end = std::min(n, i + kBlock);
    if (late.After(static_cast<size_t>(block_end - i))) return std::nullopt;
    while (i < block_end) {
      if (kPlainAscii[p[i]]) {  // the common case: plain ASCII
        ++i;
        continue;
      }
      i = out.Step(s, i, copy_from);
    }
  }
  out.Flush(s, copy_from, n);
  return out;
}

void NormalizedText::Flush(std::string_view s, int32_t copy_from, int32_t upto) {
  if (upto > copy_from) AppendCopy(s.substr(copy_from, upto - copy_from));
}

int32_t NormalizedText::Step(std::string_view s, int32_t i, int32_t& copy_from) {
  const int32_t n = static_cast<int32_t>(s.size());
  const uint8_t* p = reinterpret_cast<const uint8_t*>(s.data());
  const unsigned char b = p[i];
  // Next most common: one ' ' or '\n' between plain characters, which the view keeps as is.
  if ((b == ' ' || b == '\n') && i + 1 < n && kPlainAscii[p[i + 1]]) return i + 2;
  const int32_t start = i;
  UChar32 c;
  U8_NEXT(p, i, n, c);
  if (IsSpace(c)) {
    bool newline = IsNewline(c);
    int32_t end = i;
    while (end < n) {
      int32_t next = end;
      UChar32 d;
      U8_NEXT(p, next, n, d);
      if (!IsSpace(d)) break;
      newline = newline || IsNewline(d);
      end = next;
    }
    const char one = newline ? '\n' : ' ';
    if (end - start == 1 && static_cast<char>(b) == one) return end;  // already a single plain space
    Flush(s, copy_from, start);
    AppendEdit(start, end - start, std::string_view(&one, 1));
    copy_from = end;
    return end;
  }
  if (char folded = FoldPunctuation(c)) {
    Flush(s, copy_from, start);
    AppendEdit(start, i - start, std::string_view(&folded, 1));
    copy_from = i;
    return i;
  }
  // A run of other non-ASCII characters: NFKC it as one piece.
  int32_t end = i;
  while (end < n && p[end] >= 0x80) {
    int32_t next = end;
    UChar32 d;
    U8_NEXT(p, next, n, d);
    if (IsSpace(d) || FoldPunctuation(d)) break;
    end = next;
  }
  std::string_view run = s.substr(start, end - start);
  std::string normalized = NfkcOf(run);
  if (normalized != run) {
    Flush(s, copy_from, start);
    AppendEdit(start, end - start, normalized);
    copy_from = end;
  }
  return end;
}

const NormalizedText::Edit* NormalizedText::EditAtOrBefore(uint32_t v) const {
  auto it = std::upper_bound(edits_.begin(), edits_.end(), v,
                             [](uint32_t x, const Edit& e) { return x < e.view_start; });
  return it == edits_.begin() ? nullptr : &*std::prev(it);
}

uint32_t NormalizedText::OriginalStart(uint32_t v) const {
  const Edit* e = EditAtOrBefore(v);
  if (e == nullptr) return v;
  if (v < e->view_start + e->view_len) return e->orig_start;
  return e->orig_start + e->orig_len + (v - e->view_start - e->view_len);
}

uint32_t NormalizedText::OriginalEnd(uint32_t view_start, uint32_t view_end) const {
  if (view_end <= view_start) return OriginalStart(view_start);
  const uint32_t last = view_end - 1;
  const Edit* e = EditAtOrBefore(last);
  if (e == nullptr) return view_end;
  if (last < e->view_start + e->view_len) return e->orig_start + e->orig_len;
  return e->orig_start + e->orig_len + (view_end - e->view_start - e->view_len);
}

}  // namespace policygraph
