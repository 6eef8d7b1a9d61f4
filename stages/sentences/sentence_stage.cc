#include "stages/sentences/sentence_stage.h"

#include <unicode/filteredbrk.h>
#include <unicode/utext.h>

#include <cctype>

namespace policygraph {
namespace {

// Abbreviations after which a period does not end a sentence, on top of ICU's English list.
constexpr const char* kAbbreviations[] = {
    "U.S.", "U.K.", "U.N.", "E.U.", "U.S.A.", "U.S.C.", "C.F.R.", "H.R.", "S.", "e.g.", "i.e.", "cf.", "etc.,",
    "Dr.", "Mr.", "Mrs.", "Ms.", "Prof.", "Sen.", "Rep.", "Gen.", "Gov.", "Hon.", "St.", "Jr.", "Sr.",
    "No.", "Nos.", "Sec.", "Secs.", "Subsec.", "Par.", "Art.", "Ch.", "Cl.", "Vol.", "Fig.", "pp.", "p.",
    "Pub.", "L.", "Stat.", "Cong.", "Res.", "Doc.", "Rept.", "Rpt.", "Inc.", "Co.", "Corp.", "Ltd.",
    "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.",
    "vs.", "v.", "approx.", "Dept.", "Div.", "Mt.", "Ft.", "Ave.", "al.", "Ph.D.", "D.C.", "P.R.C."};

bool IsSpaceByte(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

}  // namespace

SentenceStage::SentenceStage() {
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale en("en@ss=standard");  // ICU's own English abbreviation suppressions
  std::unique_ptr<icu::FilteredBreakIteratorBuilder> builder(
      icu::FilteredBreakIteratorBuilder::createInstance(en, status));
  if (U_FAILURE(status)) {
    status = U_ZERO_ERROR;
    builder.reset(icu::FilteredBreakIteratorBuilder::createEmptyInstance(status));
  }
  for (const char* a : kAbbreviations) builder->suppressBreakAfter(icu::UnicodeString::fromUTF8(a), status);
  std::unique_ptr<icu::BreakIterator> base(icu::BreakIterator::createSentenceInstance(en, status));
  if (U_SUCCESS(status)) prototype_.reset(builder->wrapIteratorWithFilter(base.release(), status));
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
