-- Officers of departments and districts work with evidence files: the built-in roles get the files
-- permissions (the city administrator has '*', the auditor '*:*:view'). Which records' files a user
-- may see is still decided by each owner type's policy and the user's data scope.
UPDATE platform_role
SET permissions = permissions || ARRAY(SELECT p FROM unnest(ARRAY['files:file:view', 'files:file:upload',
                                                                 'files:file:delete']) AS p
                                       WHERE p <> ALL (permissions)),
    updated_at = now()
WHERE code IN ('DEPT_OFFICER', 'DISTRICT_OFFICER') AND builtin;
