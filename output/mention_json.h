// One mention as a line of the mentions JSONL contract (DESIGN.md §4):
// {"doc","type","start","end","text","value",["mod"],["unit"],["attrs"],"rule","sentence"}.
#ifndef POLICYGRAPH_OUTPUT_MENTION_JSON_H_
#define POLICYGRAPH_OUTPUT_MENTION_JSON_H_

#include <string>

#include "pipeline/annotations.h"

namespace policygraph {

Json MentionToJson(const std::string& doc_id, const Mention& m);

}  // namespace policygraph

#endif  // POLICYGRAPH_OUTPUT_MENTION_JSON_H_
