/** The inbox API under /api/v1/notifications, the page /notifications and the top-bar badge. */
package org.qualitycity.notification.web;
