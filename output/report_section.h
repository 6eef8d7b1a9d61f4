// One document's part of the HTML report (`--format html`), rendered by the worker that processed
// it: its text with each mention highlighted, and the sentences its relations are stated in.
#ifndef POLICYGRAPH_OUTPUT_REPORT_SECTION_H_
#define POLICYGRAPH_OUTPUT_REPORT_SECTION_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

#include "pipeline/core/annotations.h"
#include "pipeline/core/document.h"

namespace policygraph {

struct ReportPart {
  std::string html;                           // the document's <section>
  std::map<int32_t, std::string> sentences;   // text of each sentence a relation is stated in
};

// The section of document `doc` (input position `index`, which names its HTML ids: "d7",
// sentence anchors "d7-s3"). With `full_text`, its text is shown, each mention a
// <mark class="m t-TYPE" data-m="K"> titled "TYPE · value · rule" (a mention that crosses
// another's end is drawn in pieces sharing data-m); without, only its mention counts.
// REQUIRES: the text stages ran (doc.view, doc.sentences).
ReportPart RenderReportSection(const Document& doc, const Annotations& ann, size_t index, bool full_text);

}  // namespace policygraph

#endif  // POLICYGRAPH_OUTPUT_REPORT_SECTION_H_
