// NormalizedText: the matching view of a document (NFKC, curly quotes and dashes folded to ASCII,
// whitespace runs collapsed to one character) with a map from view bytes back to the original
// bytes, so a span found in the view is reported in offsets of the text as read.
//
//   NormalizedText v = NormalizedText::Build("China\xE2\x80\x99s  plan");  // "China’s  plan"
//   v.text();                          // "China's plan"
//   v.OriginalSpan({0, 7});            // {0, 9}: "China’s" in the original bytes
#ifndef POLICYGRAPH_PIPELINE_CORE_NORMALIZED_TEXT_H_
#define POLICYGRAPH_PIPELINE_CORE_NORMALIZED_TEXT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/core/deadline_check.h"

namespace policygraph {

class NormalizedText {
 public:
  NormalizedText() = default;

  // Builds the view of `original`. REQUIRES: valid UTF-8. Allocates O(number of edits) for the map.
  static NormalizedText Build(std::string_view original);
  // As Build, but gives up (nothing) once `late` says the deadline passed.
  static std::optional<NormalizedText> Build(std::string_view original, DeadlineCheck& late);

  const std::string& text() const { return text_; }

  // Maps a view span [start, end) to the smallest original span that produced it.
  // REQUIRES: start <= end <= text().size().
  uint32_t OriginalStart(uint32_t view_start) const;
  uint32_t OriginalEnd(uint32_t view_start, uint32_t view_end) const;

  // Number of places where the view differs from the original (0: byte-identical).
  size_t edit_count() const { return edits_.size(); }

 private:
  // A place where `view_len` view bytes stand for `orig_len` different original bytes. Between
  // edits, view and original bytes correspond one to one.
  struct Edit {
    uint32_t view_start, view_len, orig_start, orig_len;
  };
  void AppendEdit(uint32_t orig_start, uint32_t orig_len, std::string_view replacement);
  void AppendCopy(std::string_view bytes) { text_.append(bytes); }
  // Appends the bytes [copy_from, upto) of `original` unchanged.
  void Flush(std::string_view original, int32_t copy_from, int32_t upto);
  // Builds the view of the character at byte `i` of `original` (not plain ASCII) and what follows
  // it in one piece (a run of spaces, of non-ASCII characters); returns where the next step starts.
  // `copy_from`: the start of the pending run of bytes copied unchanged.
  int32_t Step(std::string_view original, int32_t i, int32_t& copy_from);
  // The last edit starting at or before view offset v, or nullptr.
  const Edit* EditAtOrBefore(uint32_t v) const;

  std::string text_;
  std::vector<Edit> edits_;  // sorted by view_start
};

}  // namespace policygraph

#endif  // POLICYGRAPH_PIPELINE_CORE_NORMALIZED_TEXT_H_
