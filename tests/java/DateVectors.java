// Generates tests/data/date_vectors.tsv: how Java formats and parses instants with SimpleDateFormat patterns.
// Run: java tests/java/DateVectors.java > tests/data/date_vectors.tsv   (OpenJDK 17, Debian openjdk-17-jdk-headless)
//
// Each line: pattern, zone, instant (epoch microseconds), the text Java formats, and the instant erpoll must
// parse that text to ("-" where no parse check applies). Semantics, as erpoll documents them:
// - SimpleDateFormat (Locale.US, non-lenient, proleptic Gregorian calendar) for patterns whose S runs have
//   length 3 (milliseconds and the fraction of a second agree there);
// - java.time DateTimeFormatter for other S runs (a run of S is the fraction of a second);
// - a text without an offset: fields read by SimpleDateFormat, the local time resolved to an instant with
//   java.time's ZonedDateTime.ofLocal (overlap: earlier offset; gap: later by the gap);
// - two-digit years are parse-checked only for 2000-2045, where SimpleDateFormat's window (80 years back
//   from today, 20 ahead) and erpoll's fixed 2000-2099 (java.time's) agree;
// - TimeZone (under SimpleDateFormat) knows no rules before 1900 and uses standard time there, while
//   java.time and tzdata use local mean time: SimpleDateFormat lines skip years before 1900 in zones with
//   rules; the java.time lines cover them.
import java.text.ParsePosition;
import java.text.SimpleDateFormat;
import java.time.*;
import java.time.format.DateTimeFormatter;
import java.util.*;

public class DateVectors {
  static final String[] SIMPLE_PATTERNS = {
      "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX", "yyyy-MM-dd'T'HH:mm:ssXXX",
      "yyyy-MM-dd'T'HH:mm:ssX", "yyyy-MM-dd'T'HH:mm:ssXX", "yyyy-MM-dd'T'HH:mm:ss.SSSZ", "yyyy-MM-dd HH:mm:ss",
      "EEE, d MMM yyyy HH:mm:ss z", "EEEE, MMMM dd, yyyy h:mm a", "MM/dd/yy hh:mm:ss a", "yyyyMMddHHmmss",
      "G yyyy-MM-dd D u", "yyyy-MM-dd K:mm a", "yyyy-MM-dd kk:mm", "yyyy-MM-dd hh 'o''clock' a",
      "dd MMM yyyy HH:mm:ss.SSS", "yyyy.MM.dd G 'at' HH:mm:ss z", "EEE MMM dd HH:mm:ss z yyyy", "LLLL yyyy",
      "y-M-d H:m:s", "yyyy-DDD'T'HH:mm", "E dd.MM.yyyy HH:mm:ss Z",
  };
  static final String[] TIME_PATTERNS = {
      "yyyy-MM-dd'T'HH:mm:ss.SSSSSS", "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX", "yyyy-MM-dd'T'HH:mm:ss.S",
      "yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSSXXX", "yyyy-MM-dd HH:mm:ss.SS",
  };
  static final String[] ZONES = {
      "UTC", "GMT", "America/New_York", "America/Los_Angeles", "Europe/Berlin", "Asia/Kolkata", "Asia/Tokyo",
      "Australia/Sydney", "GMT+05:30", "GMT-08:00", "PST", "EST", "IST",
  };

  static long micros(String iso) {
    Instant i = Instant.parse(iso);
    return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000);
  }

  static List<Long> instants() {
    List<Long> list = new ArrayList<>();
    String[] fixed = {
        // DST in New York and Los Angeles 2026 (spring forward 03-08, fall back 11-01)
        "2026-03-08T06:59:59Z", "2026-03-08T07:00:00Z", "2026-03-08T07:30:00Z", "2026-11-01T05:30:00Z",
        "2026-11-01T06:00:00Z", "2026-11-01T06:30:00Z", "2026-03-08T10:30:00Z", "2026-11-01T08:30:00Z",
        "2026-11-01T09:30:00Z",
        // DST in Berlin 2026 (03-29, 10-25) and Sydney 2026 (04-05 back, 10-04 forward)
        "2026-03-29T00:59:59Z", "2026-03-29T01:00:00Z", "2026-10-25T00:30:00Z", "2026-10-25T01:30:00Z",
        "2026-04-04T15:30:00Z", "2026-04-04T16:30:00Z", "2026-10-03T16:30:00Z",
        // leap days, century years
        "2024-02-29T12:00:00Z", "2000-02-29T23:59:59Z", "1600-02-29T06:00:00Z", "2100-03-01T00:00:00Z",
        "2100-02-28T23:00:00Z",
        // the range ends
        "1000-01-01T00:00:00Z", "1000-06-15T13:45:30.250Z", "9999-12-31T23:59:59.999999Z", "9999-01-01T00:00:00Z",
        "0001-01-01T00:00:00Z",
        // midnight and noon for h, K, k, a
        "2026-06-15T00:00:00Z", "2026-06-15T12:00:00Z", "2026-06-15T23:59:59Z", "2026-06-15T00:00:01Z",
        "2026-06-15T11:59:59.999Z", "2026-06-15T12:30:00Z",
        // the epoch, before it, and the seed's example
        "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.5Z", "2018-08-20T15:29:06Z", "2018-08-20T15:29:34.827Z",
        // after the last transition tzdata files list (2037)
        "2040-07-01T12:00:00Z", "2050-01-15T08:00:00Z",
    };
    for (String s : fixed) list.add(micros(s));
    Random random = new Random(20261203);
    long from = micros("1900-01-01T00:00:00Z"), to = micros("2100-01-01T00:00:00Z");
    for (int i = 0; i < 24; ++i) list.add(from + (long) (random.nextDouble() * (to - from)));
    return list;
  }

  static boolean hasOffset(String pattern) {
    String letters = pattern.replaceAll("'[^']*'", "");
    return letters.indexOf('z') >= 0 || letters.indexOf('Z') >= 0 || letters.indexOf('X') >= 0;
  }

  static boolean hasTwoDigitYear(String pattern) {
    return pattern.replaceAll("'[^']*'", "").matches(".*(^|[^y])yy?([^y]|$).*");
  }

  static int year(long micros, ZoneId zone) {
    return Instant.EPOCH.plusNanos(0).plusSeconds(Math.floorDiv(micros, 1_000_000L)).atZone(zone).getYear();
  }

  public static void main(String[] args) {
    System.out.println("# generated by tests/java/DateVectors.java with " + System.getProperty("java.vm.name") + " "
        + System.getProperty("java.version") + ", Java tzdb " + java.time.zone.ZoneRulesProvider.getVersions("UTC").keySet());
    System.out.println("# pattern\tzone\tinstant_us\ttext\tparsed_us");
    List<Long> instants = instants();
    for (String zoneName : ZONES) {
      TimeZone tz = TimeZone.getTimeZone(zoneName);
      ZoneId zone = ZoneId.of(zoneName, ZoneId.SHORT_IDS);
      for (String pattern : SIMPLE_PATTERNS) {
        SimpleDateFormat f = simple(pattern, tz);
        SimpleDateFormat local = simple(pattern, TimeZone.getTimeZone("UTC"));
        for (long us : instants) {
          int y = year(us, zone);
          boolean zoneText = pattern.contains("z") && !pattern.contains("'z");
          // zone names: tzdata says LMT before the first transition, Java keeps the standard name
          if (zoneText && y < 1970) continue;
          if (y < 1900 && !zone.getRules().isFixedOffset()) continue;
          String text = f.format(new Date(Math.floorDiv(us, 1000L)));
          String parsed = "-";
          boolean twoDigits = hasTwoDigitYear(pattern);
          if (!twoDigits || (y >= 2000 && y <= 2045)) {
            if (hasOffset(pattern)) {
              Date d = f.parse(text, new ParsePosition(0));
              if (d != null) parsed = Long.toString(d.getTime() * 1000L);
            } else {
              Date d = local.parse(text, new ParsePosition(0));  // the fields, read as if in UTC
              if (d != null) {
                LocalDateTime ldt = LocalDateTime.ofEpochSecond(Math.floorDiv(d.getTime(), 1000L),
                    (int) Math.floorMod(d.getTime(), 1000L) * 1_000_000, ZoneOffset.UTC);
                Instant i = ZonedDateTime.ofLocal(ldt, zone, null).toInstant();
                parsed = Long.toString(i.getEpochSecond() * 1_000_000L + i.getNano() / 1000);
              }
            }
          }
          System.out.println(pattern + "\t" + zoneName + "\t" + us + "\t" + text + "\t" + parsed);
        }
      }
      for (String pattern : TIME_PATTERNS) {
        DateTimeFormatter f = DateTimeFormatter.ofPattern(pattern, Locale.US).withZone(zone);
        for (long us : instants) {
          int y = year(us, zone);
          if (y < 1 || y > 9999) continue;  // java.time signs years past 9999
          Instant instant = Instant.ofEpochSecond(Math.floorDiv(us, 1_000_000L), Math.floorMod(us, 1_000_000L) * 1000L);
          String text = f.format(instant);
          Instant back = hasOffset(pattern) ? OffsetDateTime.parse(text, f).toInstant()
                                            : ZonedDateTime.ofLocal(LocalDateTime.parse(text, f), zone, null).toInstant();
          long parsed = back.getEpochSecond() * 1_000_000L + back.getNano() / 1000;
          System.out.println(pattern + "\t" + zoneName + "\t" + us + "\t" + text + "\t" + parsed);
        }
      }
      for (long us : instants) {
        System.out.println("milliseconds\t" + zoneName + "\t" + us + "\t" + Math.floorDiv(us, 1000L) + "\t"
            + Math.floorDiv(us, 1000L) * 1000L);
        System.out.println("seconds\t" + zoneName + "\t" + us + "\t" + Math.floorDiv(us, 1_000_000L) + "\t"
            + Math.floorDiv(us, 1_000_000L) * 1_000_000L);
      }
    }
  }

  static SimpleDateFormat simple(String pattern, TimeZone tz) {
    SimpleDateFormat f = new SimpleDateFormat(pattern, Locale.US);
    GregorianCalendar calendar = new GregorianCalendar(tz, Locale.US);
    calendar.setGregorianChange(new Date(Long.MIN_VALUE));  // proleptic Gregorian, as java.time
    f.setCalendar(calendar);
    f.setLenient(false);
    return f;
  }
}
