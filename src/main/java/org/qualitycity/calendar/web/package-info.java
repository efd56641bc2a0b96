/** The calendar's JSON API under /api/v1/calendar and its page /calendar. */
package org.qualitycity.calendar.web;
