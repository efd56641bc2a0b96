package org.qualitycity.calendar;

import org.qualitycity.platform.ValidationException;

/**
 * A date lies in a year whose holiday arrangement has not been loaded, so whether it is a working day
 * is unknown. The calendar never guesses: an administrator has to load the year first. Answers 400 like
 * any {@link ValidationException}, naming the input field that led to the year.
 */
public class CalendarYearMissingException extends ValidationException {

    private final int year;

    public CalendarYearMissingException(String field, int year, String message) {
        super(field, message);
        this.year = year;
    }

    /** The year whose arrangement is missing. */
    public int year() {
        return year;
    }

    /** The input field that led to the missing year. */
    public String field() {
        return problems().get(0).field();
    }
}
