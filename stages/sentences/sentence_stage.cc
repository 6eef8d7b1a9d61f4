#include "stages/sentences/sentence_stage.h"

#include <unicode/utext.h>

#include <cctype>
#include <iterator>
#include <set>
#include <string_view>

namespace policygraph {
namespace {

// Abbreviations after which a period does not end a sentence, on top of ICU's English list.
constexpr const char* kAbbreviations[] = {
    "U.S.", "U.K.", "U.N.", "E.U.", "U.S.A.", "U.S.C.", "C.F.R.", "H.R.", "S.", "e.g.", "i.e.", "cf.", 
    "Dr.", "Mr.", "Mrs.", "Ms.", "Prof.", "Sen.", "Rep.", "Gen.", "Gov.", "Hon.", "St.", "Jr.", "Sr.",
    "No.", "Nos.", "Sec.", "Secs.", "Subsec.", "Par.", "Art.", "Ch.", "Cl.", "Vol.", "Fig.", "pp.", "p.",
    "Pub.", "L.", "Stat.", "Cong.", "Res.", "Doc.", "Rept.", "Rpt.", "Inc.", "Co.", "Corp.", "Ltd.",
    "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.",
    "a.m.", "p.m.", "A.M.", "P.M.", "vs.", "v.", "approx.", "Dept.", "Div.", "Mt.", "Ft.", "Ave.", "al.", "Ph.D.", "D.C.", "P.R.C."};

bool IsSpaceByte(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }


// ICU's own abbreviation filter (FilteredBreakIteratorBuilder) does not suppress a break after
// "U.S." when a capitalized word follows ("the U.S. Manufacturing USA program"), which is exactly
// the case policy text needs; so breaks are filtered here by the word before them.
bool EndsWithAbbreviation(std::string_view text, size_t brk) {
  static const std::set<std::string_view> kSet(std::begin(kAbbreviations), std::end(kAbbreviations));
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

std::vector<Span> SentenceStage::Split(std::string_view text) const {
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
  UErrorCode status = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  if (U_FAILURE(status)) {
    add(0, text.size());
    return out;
  }
  iter->setText(ut, status);
  int32_t prev = iter->first();
  for (int32_t b = iter->next(); b != icu::BreakIterator::DONE; b = iter->next()) {
    if (static_cast<size_t>(b) < text.size() && EndsWithAbbreviation(text, b)) continue;
    add(prev, b);
    prev = b;
  }
  if (static_cast<size_t>(prev) < text.size()) add(prev, text.size());
  utext_close(ut);
  return out;
}

Status SentenceStage::Process(Document& doc, Annotations&) const {
  doc.sentences = Split(doc.view.text());
  return Status::Ok();
}

}  // namespace policygraph
