package org.qualitycity.spotcheck;

import java.util.Optional;

/**
 * The grade (A–D) by which a random draw may filter its candidates (分类监管: the risk or credit grade of an
 * enterprise). Implemented by the credit module, which depends on spot checks; without an implementation the filter
 * is refused.
 */
public interface DrawGrades {

    /** The enterprise's grade today, if it has one. */
    Optional<String> gradeOf(long enterpriseId);
}
