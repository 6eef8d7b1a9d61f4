// Stage `sentences`: splits Document::view into sentences with ICU's sentence BreakIterator over
// UTF-8 (byte offsets, no copy); a break after an abbreviation ("U.S.", "e.g.", "Dr.", "No.",
// "Sec.", "H.R.") or an initial ("John F. Kennedy") is dropped. Every line break also ends a sentence, as ICU's
// rules say. Spans exclude surrounding whitespace.
#ifndef POLICYGRAPH_STAGES_SENTENCES_SENTENCE_STAGE_H_
#define POLICYGRAPH_STAGES_SENTENCES_SENTENCE_STAGE_H_

#include <memory>

#include <unicode/brkiter.h>

#include "pipeline/core/stage.h"

namespace policygraph {

class SentenceStage : public Stage {
 public:
  SentenceStage();
  const std::string& Name() const override;
  std::vector<std::string> Needs() const override { return {"view"}; }
  std::vector<std::string> Provides() const override { return {"sentences"}; }
  Status Process(Document& doc, Annotations& out) const override;

  // The sentence spans of `text` (for tests and tools). With `late`, checked at every break,
  // splitting stops (the spans found so far are returned) once it says the deadline passed.
  std::vector<Span> Split(std::string_view text, DeadlineCheck* late = nullptr) const;

 private:
  std::unique_ptr<icu::BreakIterator> prototype_;  // cloned per thread; never used directly
};

}  // namespace policygraph

#endif  // POLICYGRAPH_STAGES_SENTENCES_SENTENCE_STAGE_H_
