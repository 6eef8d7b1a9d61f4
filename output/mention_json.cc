#include "output/mention_json.h"

namespace policygraph {

Json MentionToJson(const std::string& doc_id, const Mention& m) {
  Json j = Json::object();
  j["doc"] = doc_id;
  j["type"] = m.type;
  j["start"] = m.span.start;
  j["end"] = m.span.end;
  j["text"] = m.text;
  j["value"] = m.value;
  if (!m.mod.empty()) j["mod"] = m.mod;
  if (!m.unit.empty()) j["unit"] = m.unit;
  if (m.attrs.is_object() && !m.attrs.empty()) j["attrs"] = m.attrs;
  j["rule"] = m.rule;
  j["sentence"] = m.sentence;
  return j;
}

}  // namespace policygraph
