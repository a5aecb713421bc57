#!/usr/bin/env python3
"""Reads an iCalendar file with the independent `icalendar` package and prints its events as JSON
lines: uid, sequence, summary, start and end (with their time zone), status, location, url,
organizer, conference and the names of all its properties. Exits non-zero when the file does not parse.

usage: ics-read.py FILE.ics
"""
import json
import sys

import icalendar

calendar = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
timezones = [str(tz.get("TZID")) for tz in calendar.walk("VTIMEZONE")]
print(json.dumps({"timezones": timezones, "name": str(calendar.get("X-WR-CALNAME", ""))}))
for event in calendar.walk("VEVENT"):
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    print(json.dumps({
        "uid": str(event.get("UID")),
        "sequence": int(event.get("SEQUENCE", 0)),
        "summary": str(event.get("SUMMARY")),
        "description": str(event.get("DESCRIPTION", "")),
        "start": start.isoformat(),
        "end": end.isoformat(),
        "tzid": str(event.get("DTSTART").params.get("TZID", "")),
        "utcoffset": start.utcoffset().total_seconds() if start.utcoffset() is not None else None,
        "status": str(event.get("STATUS", "")),
        "location": str(event.get("LOCATION", "")),
        "url": str(event.get("URL", "")),
        "organizer": str(event.get("ORGANIZER", "")),
        "conference": str(event.get("CONFERENCE", "")),
        "properties": sorted(set(event.keys())),
    }, ensure_ascii=False))
