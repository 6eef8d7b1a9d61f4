#include "output/mention_json.h"

#include "output/node_link_writer.h"

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
  if (m.page > 0) j["page"] = m.page;
  return j;
}

namespace {

void AppendKey(std::string& out, std::string_view key) {
  out += ",\"";
  out += key;
  out += "\":";
}

}  // namespace

void AppendMentionJson(std::string& out, const std::string& doc_id, const Mention& m) {
  out += "{\"doc\":";
  AppendJsonString(out, doc_id);
  AppendKey(out, "type");
  AppendJsonString(out, m.type);
  AppendKey(out, "start");
  AppendJsonInteger(out, m.span.start);
  AppendKey(out, "end");
  AppendJsonInteger(out, m.span.end);
  AppendKey(out, "text");
  AppendJsonString(out, m.text);
  AppendKey(out, "value");
  AppendJsonValue(out, m.value);
  if (!m.mod.empty()) {
    AppendKey(out, "mod");
    AppendJsonString(out, m.mod);
  }
  if (!m.unit.empty()) {
    AppendKey(out, "unit");
    AppendJsonString(out, m.unit);
  }
  if (m.attrs.is_object() && !m.attrs.empty()) {
    AppendKey(out, "attrs");
    AppendJsonValue(out, m.attrs);
  }
  AppendKey(out, "rule");
  AppendJsonString(out, m.rule);
  AppendKey(out, "sentence");
  AppendJsonInteger(out, m.sentence);
  if (m.page > 0) {
    AppendKey(out, "page");
    AppendJsonInteger(out, m.page);
  }
  out += '}';
}

}  // namespace policygraph
