/** The plan's JSON API under /api/v1/plans and its pages under /plan. */
package org.qualitycity.plan.web;
