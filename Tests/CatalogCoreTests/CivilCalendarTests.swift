import CatalogCore
import Foundation
import Testing

@Suite("Dates and times")
struct CivilCalendarTests {
    @Test("real dates are accepted", arguments: ["2027-01-31", "2028-02-29", "2000-02-29", "2027-12-31"])
    func realDates(text: String) {
        #expect(CatalogDate(text) != nil)
    }

    @Test(
        "impossible or malformed dates are refused",
        arguments: [
            "2027-02-29", "1900-02-29", "2027-04-31", "2027-13-01", "2027-00-10", "27-03-15", "2027-3-15",
            "2027-03-15x", "",
        ])
    func impossibleDates(text: String) {
        #expect(CatalogDate(text) == nil)
    }

    @Test(
        "date-times in the accepted forms",
        arguments: [
            "2027-03-15T09:00", "2027-03-15T09:00:30", "2027-03-15T09:00Z", "2027-03-15T09:00:00+01:00",
            "2027-03-15 09:00",
        ])
    func dateTimes(text: String) {
        #expect(CatalogDateTime(text) != nil)
    }

    @Test(
        "malformed date-times are refused",
        arguments: [
            "2027-03-15T24:00", "2027-03-15T09:60", "2027-02-30T09:00", "2027-03-15T09", "2027-03-15T09:00+1",
            "2027-03-15T09:00 Uhr",
        ])
    func malformedDateTimes(text: String) {
        #expect(CatalogDateTime(text) == nil)
    }

    @Test("local times are Berlin time, with summer time")
    func berlinTime() throws {
        let winter = try #require(CatalogDateTime("2027-01-15T09:00"))
        let summer = try #require(CatalogDateTime("2027-07-15T09:00"))
        #expect(Timestamp.format(winter.instant) == "2027-01-15T08:00:00Z")
        #expect(Timestamp.format(summer.instant) == "2027-07-15T07:00:00Z")
        #expect(CatalogDateTime("2027-07-15T07:00:00Z")?.instant == summer.instant)
    }

    @Test("timestamps round-trip")
    func timestamps() throws {
        let date = Date(timeIntervalSince1970: 1_795_000_000)
        let text = Timestamp.format(date)
        #expect(text == "2026-11-18T11:06:40Z")
        #expect(Timestamp.parse(text) == date)
        #expect(Timestamp.parse("2026-11-18T10:26:40") == nil)
    }
}
