// One mention as a line of the mentions JSONL contract (DESIGN.md §4):
// {"doc","type","start","end","text","value",["mod"],["unit"],["attrs"],"rule","sentence",["page"]}:
// "page" (1-based) only for a mention of a paged document (a PDF).
#ifndef POLICYGRAPH_OUTPUT_MENTION_JSON_H_
#define POLICYGRAPH_OUTPUT_MENTION_JSON_H_

#include <string>
#include <string_view>

#include "pipeline/core/annotations.h"

namespace policygraph {

Json MentionToJson(const std::string& doc_id, const Mention& m);

// Appends MentionToJson(doc_id, m).dump() to `out`, without building the JSON value (rendering
// mentions this way is several times faster).
void AppendMentionJson(std::string& out, const std::string& doc_id, const Mention& m);

}  // namespace policygraph

#endif  // POLICYGRAPH_OUTPUT_MENTION_JSON_H_
