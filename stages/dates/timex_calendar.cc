// Calendar arithmetic (proleptic Gregorian, ISO weeks), holidays and TIMEX3 value formatting.
#include "stages/dates/timex.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>

#include <re2/re2.h>

#include "stages/dates/timex_internal.h"

namespace policygraph {

namespace timex {

// A two-digit year: '97 -> 1997, 24 -> 2024 (pivot 50).
int ExpandYear(int y, size_t ndigits) {
  if (ndigits > 2) return y;
  return y < 50 ? 2000 + y : 1900 + y;
}

size_t CountDigits(std::string_view s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }));
}

}  // namespace timex

using namespace timex;

// Howard Hinnant's days_from_civil / civil_from_days.
int64_t DaysFromCivil(const CivilDate& d) {
  const int64_t y = d.year - (d.month <= 2 ? 1 : 0);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t mp = d.month > 2 ? d.month - 3 : d.month + 9;
  const int64_t doy = (153 * mp + 2) / 5 + d.day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0)), m, d};
}

CivilDate AddDays(const CivilDate& d, int64_t n) { return CivilFromDays(DaysFromCivil(d) + n); }

int DaysInMonth(int year, int month) {
  static const std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

CivilDate AddMonths(const CivilDate& d, int n) {
  int total = d.year * 12 + (d.month - 1) + n;
  int y = total >= 0 ? total / 12 : (total - 11) / 12;
  int mo = total - y * 12 + 1;
  return {y, mo, std::min(d.day, DaysInMonth(y, mo))};
}

int IsoWeekday(const CivilDate& d) {
  const int64_t z = DaysFromCivil(d);  // 1970-01-01 was a Thursday (4)
  return static_cast<int>(((z % 7) + 7 + 3) % 7) + 1;
}

IsoWeek IsoWeekOf(const CivilDate& d) {
  const CivilDate thursday = AddDays(d, 4 - IsoWeekday(d));
  const int64_t jan1 = DaysFromCivil({thursday.year, 1, 1});
  return {thursday.year, static_cast<int>((DaysFromCivil(thursday) - jan1) / 7 + 1)};
}

std::optional<RefDate> ParseRefDate(std::string_view text) {
  static const RE2 kDate(R"((\d{4})(?:-(\d\d)(?:-(\d\d))?)?(?:T.*)?)");
  std::string y, mo, d;
  if (!RE2::FullMatch(text, kDate, &y, &mo, &d)) return std::nullopt;
  RefDate r;
  r.date.year = std::stoi(y);
  r.grain = 1;
  if (!mo.empty()) {
    r.date.month = std::stoi(mo);
    if (r.date.month < 1 || r.date.month > 12) return std::nullopt;
    r.grain = 2;
  }
  if (!d.empty()) {
    r.date.day = std::stoi(d);
    if (r.date.day < 1 || r.date.day > DaysInMonth(r.date.year, r.date.month)) return std::nullopt;
    r.grain = 3;
  }
  return r;
}

std::optional<CivilDate> HolidayDate(std::string_view code, int year) {
  static const RE2 kFixed(R"((\d\d)-(\d\d))");
  static const RE2 kNth(R"((\d\d)-([1-7])-([1-5L])(?:\+(\d))?)");
  static const RE2 kEaster(R"(EASTER(?:([+-])(\d{1,2}))?)");
  int month = 0, day = 0, weekday = 0, shift = 0;
  std::string nth, sign, amount;
  if (RE2::FullMatch(code, kFixed, &month, &day)) {
    if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month)) return std::nullopt;
    return CivilDate{year, month, day};
  }
  std::string shift_text;
  if (RE2::FullMatch(code, kNth, &month, &weekday, &nth, &shift_text)) {
    if (month < 1 || month > 12) return std::nullopt;
    if (!shift_text.empty()) shift = std::stoi(shift_text);
    CivilDate d;
    if (nth == "L") {
      const CivilDate last{year, month, DaysInMonth(year, month)};
      d = AddDays(last, -((IsoWeekday(last) - weekday + 7) % 7));
    } else {
      const CivilDate first{year, month, 1};
      d = AddDays(first, (weekday - IsoWeekday(first) + 7) % 7 + 7 * (std::stoi(nth) - 1));
      if (d.month != month) return std::nullopt;
    }
    return AddDays(d, shift);
  }
  if (RE2::FullMatch(code, kEaster, &sign, &amount)) {
    // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    const int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
    const int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
    const int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
    const int em = (h + l - 7 * m + 114) / 31, ed = (h + l - 7 * m + 114) % 31 + 1;
    int offset = amount.empty() ? 0 : std::stoi(amount);
    if (sign == "-") offset = -offset;
    return AddDays(CivilDate{year, em, ed}, offset);
  }
  return std::nullopt;
}

std::string DurationValue(std::optional<double> count, std::string_view unit) {
  auto fmt = [&](double n, const char* suffix, bool time) {
    std::string num;
    if (n == std::floor(n)) {
      num = std::to_string(static_cast<long long>(n));
    } else {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%g", n);
      num = buf;
    }
    return std::string(time ? "PT" : "P") + num + suffix;
  };
  auto vague = [&](const char* suffix, bool time) { return std::string(time ? "PTX" : "PX") + suffix; };
  struct Unit {
    const char* code;
    const char* suffix;
    bool time;
    double factor;  // DE and CE are written in years
  };
  static const std::array<Unit, 11> kUnits = {{{"Y", "Y", false, 1},
                                               {"M", "M", false, 1},
                                               {"W", "W", false, 1},
                                               {"D", "D", false, 1},
                                               {"Q", "Q", false, 1},
                                               {"DE", "Y", false, 10},
                                               {"CE", "Y", false, 100},
                                               {"H", "H", true, 1},
                                               {"MIN", "M", true, 1},
                                               {"S", "S", true, 1},
                                               {"WE", "D", false, 2}}};
  for (const Unit& u : kUnits) {
    if (unit != u.code) continue;
    if (!count) {
      if (unit == "DE") return "PXDE";
      if (unit == "CE") return "PXCE";
      if (unit == "WE") return "PXD";
      return vague(u.suffix, u.time);
    }
    double n = *count * u.factor;
    // Fractions go one grain down, TimeML style: 2.5 years is P2Y6M, half an hour PT30M.
    if (n != std::floor(n)) {
      const double whole = std::floor(n), rest = n - whole;
      auto composite = [&](const char* big, double factor, const char* small, bool time) {
        std::string v = time ? "PT" : "P";
        if (whole > 0) v += std::to_string(static_cast<long long>(whole)) + big;
        const double r = std::round(rest * factor * 1000) / 1000;
        std::string part = fmt(r, small, false);  // "P6M" -> strip the "P"
        return v + part.substr(1);
      };
      if (unit == "Y") return composite("Y", 12, "M", false);
      if (unit == "H") return composite("H", 60, "M", true);
      if (unit == "D") {
        std::string v = "P";
        if (whole > 0) v += std::to_string(static_cast<long long>(whole)) + "D";
        return v + fmt(std::round(rest * 24 * 1000) / 1000, "H", true).substr(1);  // "PT12H" -> "T12H"
      }
      if (unit == "MIN") return composite("M", 60, "S", true);
      if (unit == "M" || unit == "W") return fmt(n * (unit == "M" ? 30 : 7), "D", false);
    }
    return fmt(n, u.suffix, u.time);
  }
  return {};
}

std::string ShiftedValue(const CivilDate& ref, int n, std::string_view unit) {
  if (unit == "Y") return YearStr(ref.year + n);
  if (unit == "M") return MonthStr(AddMonths(ref, n));
  if (unit == "W" || unit == "WE") {
    std::string w = WeekStr(AddDays(ref, 7 * static_cast<int64_t>(n)));
    return unit == "WE" ? w + "-WE" : w;
  }
  if (unit == "D") return DayStr(AddDays(ref, n));
  if (unit == "Q") {
    int q = ref.year * 4 + QuarterOf(ref.month) - 1 + n;
    int y = q >= 0 ? q / 4 : (q - 3) / 4;
    return YearStr(y) + "-Q" + std::to_string(q - y * 4 + 1);
  }
  if (unit == "DE") {
    int decade = ref.year / 10 + n;
    return std::to_string(decade) + "X";
  }
  if (unit == "CE") {
    int century = ref.year / 100 + n;
    return Pad(century, 2);
  }
  return {};
}

CivilDate ResolveWeekday(const CivilDate& ref, int weekday, int dir) {
  const int today = IsoWeekday(ref);
  int delta = 0;
  switch (dir) {
    case 0:
      delta = weekday - today;
      break;
    case -1:
      delta = -((today - weekday + 7) % 7);
      break;
    case 1:
      delta = (weekday - today + 7) % 7;
      break;
    case -2:
      delta = -((today - weekday + 6) % 7 + 1);
      break;
    default:
      delta = (weekday - today + 6) % 7 + 1;
      break;
  }
  return AddDays(ref, delta);
}

}  // namespace policygraph
