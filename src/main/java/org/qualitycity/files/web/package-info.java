/** The files JSON API under /api/v1/files, downloads with the browser session, and the unit documents page. */
package org.qualitycity.files.web;
