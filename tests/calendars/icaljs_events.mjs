// Reads iCalendar files as Mozilla's ical.js does (Thunderbird, Nextcloud): prints, per file,
// each event's UID, start and end as UTC epoch seconds, and the zone ical.js resolved them in.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const files = process.argv.slice(2).map((path) => {
  const calendar = new ICAL.Component(ICAL.parse(readFileSync(path, "utf8")));
  return calendar.getAllSubcomponents("vevent").map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      start: event.startDate.toUnixTime(),
      end: event.endDate.toUnixTime(),
      zone: event.startDate.zone ? event.startDate.zone.tzid : null,
    };
  });
});
process.stdout.write(JSON.stringify(files));
