-- Platform core: organisation units, users, roles, API tokens, login log, audit trail, sessions,
-- event publications. Version range 1.x belongs to the platform module (see docs/architecture.md).

CREATE TABLE platform_unit (
    id          bigserial PRIMARY KEY,
    code        varchar(32)  NOT NULL UNIQUE,
    name_zh     varchar(100) NOT NULL,
    name_en     varchar(200) NOT NULL,
    kind        varchar(16)  NOT NULL CHECK (kind IN ('CITY', 'DISTRICT', 'ZONE', 'DEPARTMENT', 'SUBUNIT')),
    parent_id   bigint REFERENCES platform_unit (id),
    -- materialised path of ids, '/1/5/12/': subtree queries are one indexed LIKE
    path        varchar(1000) NOT NULL DEFAULT '',
    level       int          NOT NULL DEFAULT 1,
    sort_order  int          NOT NULL DEFAULT 0,
    active      boolean      NOT NULL DEFAULT true,
    created_at  timestamptz  NOT NULL DEFAULT now(),
    updated_at  timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX platform_unit_parent_idx ON platform_unit (parent_id);
CREATE INDEX platform_unit_path_idx ON platform_unit (path varchar_pattern_ops);

-- The city and its county-level divisions (GB/T 2260 codes); 咸宁高新区 has no division code of its
-- own, so it gets the stable internal code 421200GX and is assessed as a peer of the districts.
INSERT INTO platform_unit (code, name_zh, name_en, kind, sort_order) VALUES
    ('421200', '咸宁市', 'Xianning City', 'CITY', 0);
INSERT INTO platform_unit (code, name_zh, name_en, kind, sort_order, parent_id)
SELECT v.code, v.name_zh, v.name_en, v.kind, v.sort_order, (SELECT id FROM platform_unit WHERE code = '421200')
FROM (VALUES
    ('421202', '咸安区', 'Xian''an District', 'DISTRICT', 1),
    ('421221', '嘉鱼县', 'Jiayu County', 'DISTRICT', 2),
    ('421222', '通城县', 'Tongcheng County', 'DISTRICT', 3),
    ('421223', '崇阳县', 'Chongyang County', 'DISTRICT', 4),
    ('421224', '通山县', 'Tongshan County', 'DISTRICT', 5),
    ('421281', '赤壁市', 'Chibi City', 'DISTRICT', 6),
    ('421200GX', '咸宁高新区', 'Xianning High-tech Zone', 'ZONE', 7),
    -- member departments of the city quality commission (市质量强市委员会成员单位)
    ('421200-SCJG', '咸宁市市场监督管理局', 'Xianning Market Supervision Administration', 'DEPARTMENT', 10),
    ('421200-FGW', '咸宁市发展和改革委员会', 'Development and Reform Commission', 'DEPARTMENT', 11),
    ('421200-JXJ', '咸宁市经济和信息化局', 'Bureau of Economy and Information Technology', 'DEPARTMENT', 12),
    ('421200-ZJJ', '咸宁市住房和城乡建设局', 'Bureau of Housing and Urban-Rural Development', 'DEPARTMENT', 13),
    ('421200-NYNC', '咸宁市农业农村局', 'Bureau of Agriculture and Rural Affairs', 'DEPARTMENT', 14),
    ('421200-STHJ', '咸宁市生态环境局', 'Bureau of Ecology and Environment', 'DEPARTMENT', 15),
    ('421200-SWJ', '咸宁市商务局', 'Bureau of Commerce', 'DEPARTMENT', 16),
    ('421200-WHLY', '咸宁市文化和旅游局', 'Bureau of Culture and Tourism', 'DEPARTMENT', 17),
    ('421200-LYJ', '咸宁市林业局', 'Forestry Bureau', 'DEPARTMENT', 18),
    ('421200-WJW', '咸宁市卫生健康委员会', 'Health Commission', 'DEPARTMENT', 19),
    ('421200-JTYS', '咸宁市交通运输局', 'Bureau of Transport', 'DEPARTMENT', 20),
    ('421200-SLHP', '咸宁市水利和湖泊局', 'Bureau of Water Resources and Lakes', 'DEPARTMENT', 21),
    ('421200-JYJ', '咸宁市教育局', 'Bureau of Education', 'DEPARTMENT', 22),
    ('421200-KJJ', '咸宁市科学技术局', 'Bureau of Science and Technology', 'DEPARTMENT', 23),
    ('421200-GAJ', '咸宁市公安局', 'Public Security Bureau', 'DEPARTMENT', 24),
    ('421200-CZJ', '咸宁市财政局', 'Finance Bureau', 'DEPARTMENT', 25),
    ('421200-RSJ', '咸宁市人力资源和社会保障局', 'Bureau of Human Resources and Social Security', 'DEPARTMENT', 26),
    ('421200-ZRZY', '咸宁市自然资源和规划局', 'Bureau of Natural Resources and Planning', 'DEPARTMENT', 27),
    ('421200-TJJ', '咸宁市统计局', 'Statistics Bureau', 'DEPARTMENT', 28),
    ('421200-CGJ', '咸宁市城市管理执法局', 'Urban Management and Law Enforcement Bureau', 'DEPARTMENT', 29),
    ('421200-ZWFW', '咸宁市政务服务和大数据管理局', 'Government Services and Big Data Administration', 'DEPARTMENT', 30),
    ('421200-YJGL', '咸宁市应急管理局', 'Emergency Management Bureau', 'DEPARTMENT', 31),
    ('421200-HG', '咸宁海关', 'Xianning Customs', 'DEPARTMENT', 32),
    ('421200-YZGL', '咸宁市邮政管理局', 'Postal Administration', 'DEPARTMENT', 33),
    ('421200-XCB', '中共咸宁市委宣传部', 'Publicity Department of the CPC Xianning Committee', 'DEPARTMENT', 34),
    ('421200-SFJ', '咸宁市司法局', 'Bureau of Justice', 'DEPARTMENT', 35),
    ('421200-MZJ', '咸宁市民政局', 'Bureau of Civil Affairs', 'DEPARTMENT', 36),
    ('421200-YBJ', '咸宁市医疗保障局', 'Healthcare Security Administration', 'DEPARTMENT', 37),
    ('421200-SWU', '国家税务总局咸宁市税务局', 'Xianning Taxation Bureau', 'DEPARTMENT', 38)
) AS v(code, name_zh, name_en, kind, sort_order);

-- The quality office (市质强办) sits in the market regulator; each district has its market regulator.
INSERT INTO platform_unit (code, name_zh, name_en, kind, sort_order, parent_id)
VALUES ('421200-ZQB', '咸宁市质量强市委员会办公室（市质强办）', 'Office of the City Quality Commission', 'SUBUNIT', 0,
        (SELECT id FROM platform_unit WHERE code = '421200-SCJG'));
INSERT INTO platform_unit (code, name_zh, name_en, kind, sort_order, parent_id)
SELECT d.code || '-SCJG', d.name_zh || '市场监督管理局', d.name_en || ' Market Supervision Administration',
       'SUBUNIT', 0, d.id
FROM platform_unit d WHERE d.kind IN ('DISTRICT', 'ZONE');

WITH RECURSIVE t (id, path, level) AS (
    SELECT id, '/' || id || '/', 1 FROM platform_unit WHERE parent_id IS NULL
    UNION ALL
    SELECT u.id, t.path || u.id || '/', t.level + 1 FROM platform_unit u JOIN t ON u.parent_id = t.id
)
UPDATE platform_unit u SET path = t.path, level = t.level FROM t WHERE u.id = t.id;

CREATE TABLE platform_role (
    id          bigserial PRIMARY KEY,
    code        varchar(40)  NOT NULL UNIQUE,
    name_zh     varchar(100) NOT NULL,
    name_en     varchar(100) NOT NULL,
    data_scope  varchar(20)  NOT NULL CHECK (data_scope IN ('ALL', 'UNIT_AND_BELOW', 'UNIT', 'SELF')),
    -- permission patterns: 'module:resource:action', with '*' for any part ('*' alone = everything)
    permissions text[]       NOT NULL DEFAULT '{}',
    builtin     boolean      NOT NULL DEFAULT false,
    created_at  timestamptz  NOT NULL DEFAULT now(),
    updated_at  timestamptz  NOT NULL DEFAULT now()
);

INSERT INTO platform_role (code, name_zh, name_en, data_scope, permissions, builtin) VALUES
    ('CITY_ADMIN', '市级管理员', 'City administrator', 'ALL', '{*}', true),
    ('DEPT_OFFICER', '部门工作人员', 'Department officer', 'UNIT_AND_BELOW',
     '{platform:unit:view,platform:user:view}', true),
    ('DISTRICT_OFFICER', '县市区工作人员', 'District officer', 'UNIT_AND_BELOW',
     '{platform:unit:view,platform:unit:edit,platform:user:view,platform:user:edit}', true),
    ('ENTERPRISE', '企业用户', 'Enterprise user', 'SELF', '{}', true),
    ('AUDITOR', '审计员(只读)', 'Auditor (read-only)', 'ALL', '{*:*:view}', true);

CREATE TABLE platform_user (
    id                  bigserial PRIMARY KEY,
    username            varchar(64)  NOT NULL UNIQUE,
    display_name        varchar(100) NOT NULL,
    password_hash       varchar(200) NOT NULL,
    unit_id             bigint       NOT NULL REFERENCES platform_unit (id),
    phone               varchar(32),
    email               varchar(200),
    active              boolean      NOT NULL DEFAULT true,
    failed_attempts     int          NOT NULL DEFAULT 0,
    locked_until        timestamptz,
    password_changed_at timestamptz  NOT NULL DEFAULT now(),
    created_by          bigint,
    created_at          timestamptz  NOT NULL DEFAULT now(),
    updated_at          timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX platform_user_unit_idx ON platform_user (unit_id);

CREATE TABLE platform_user_role (
    user_id bigint NOT NULL REFERENCES platform_user (id) ON DELETE CASCADE,
    role_id bigint NOT NULL REFERENCES platform_role (id),
    PRIMARY KEY (user_id, role_id)
);

CREATE TABLE platform_api_token (
    id           bigserial PRIMARY KEY,
    token_hash   char(64)    NOT NULL UNIQUE,  -- SHA-256 of the token; the token itself is never stored
    user_id      bigint      NOT NULL REFERENCES platform_user (id) ON DELETE CASCADE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    revoked_at   timestamptz,
    created_ip   varchar(64)
);
CREATE INDEX platform_api_token_user_idx ON platform_api_token (user_id);

CREATE TABLE platform_login_log (
    id         bigserial PRIMARY KEY,
    at         timestamptz NOT NULL DEFAULT now(),
    username   varchar(100) NOT NULL,
    user_id    bigint,
    ip         varchar(64),
    channel    varchar(16) NOT NULL,    -- WEB or API
    success    boolean     NOT NULL,
    reason     varchar(64)
);
CREATE INDEX platform_login_log_at_idx ON platform_login_log (at DESC);

-- Audit trail: append-only, each entry hash-chained to the previous one. The hash is computed by
-- the database from the stored values with one function, used both when writing and verifying.
CREATE TABLE platform_audit (
    id           bigserial PRIMARY KEY,
    at           timestamptz  NOT NULL DEFAULT now(),
    actor_id     bigint,
    actor_name   varchar(100) NOT NULL,
    actor_unit_id bigint,
    ip           varchar(64),
    module       varchar(40)  NOT NULL,
    entity_type  varchar(60)  NOT NULL,
    entity_id    varchar(100),
    unit_id      bigint,       -- unit that owns the changed record (for scope filtering)
    action       varchar(40)  NOT NULL,
    before_data  jsonb,
    after_data   jsonb,
    prev_hash    char(64)     NOT NULL,
    hash         char(64)     NOT NULL
);
CREATE INDEX platform_audit_at_idx ON platform_audit (at DESC);
CREATE INDEX platform_audit_entity_idx ON platform_audit (entity_type, entity_id);
CREATE INDEX platform_audit_actor_idx ON platform_audit (actor_id);

CREATE FUNCTION platform_audit_hash(p_prev text, p_id bigint, p_at timestamptz, p_actor_id bigint,
                                    p_actor_name text, p_actor_unit_id bigint, p_ip text, p_module text,
                                    p_entity_type text, p_entity_id text, p_unit_id bigint, p_action text,
                                    p_before jsonb, p_after jsonb)
    RETURNS char(64) LANGUAGE sql IMMUTABLE AS
$$
SELECT encode(sha256(convert_to(concat_ws(chr(31), p_prev, p_id::text,
        ((extract(epoch FROM p_at) * 1000000)::bigint)::text, coalesce(p_actor_id::text, ''), p_actor_name,
        coalesce(p_actor_unit_id::text, ''), coalesce(p_ip, ''), p_module, p_entity_type,
        coalesce(p_entity_id, ''), coalesce(p_unit_id::text, ''), p_action,
        coalesce(p_before::text, ''), coalesce(p_after::text, '')), 'UTF8')), 'hex')
$$;

-- The application never updates or deletes audit entries; the database refuses it too. (A superuser
-- can still disable this trigger, which is why the hash chain exists.)
CREATE FUNCTION platform_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'platform_audit is append-only';
END
$$;
CREATE TRIGGER platform_audit_no_change BEFORE UPDATE OR DELETE ON platform_audit
    FOR EACH ROW EXECUTE FUNCTION platform_audit_append_only();

-- Marker of generated demo data (one row while demo data is present).
CREATE TABLE platform_demo (
    id           int PRIMARY KEY CHECK (id = 1),
    generated_at timestamptz NOT NULL DEFAULT now(),
    seed         bigint      NOT NULL
);

-- Spring Session (JDBC): sessions live in the database so several nodes can share them.
CREATE TABLE spring_session (
    primary_id            char(36) NOT NULL,
    session_id            char(36) NOT NULL,
    creation_time         bigint   NOT NULL,
    last_access_time      bigint   NOT NULL,
    max_inactive_interval int      NOT NULL,
    expiry_time           bigint   NOT NULL,
    principal_name        varchar(100),
    CONSTRAINT spring_session_pk PRIMARY KEY (primary_id)
);
CREATE UNIQUE INDEX spring_session_ix1 ON spring_session (session_id);
CREATE INDEX spring_session_ix2 ON spring_session (expiry_time);
CREATE INDEX spring_session_ix3 ON spring_session (principal_name);
CREATE TABLE spring_session_attributes (
    session_primary_id char(36)     NOT NULL,
    attribute_name     varchar(200) NOT NULL,
    attribute_bytes    bytea        NOT NULL,
    CONSTRAINT spring_session_attributes_pk PRIMARY KEY (session_primary_id, attribute_name),
    CONSTRAINT spring_session_attributes_fk FOREIGN KEY (session_primary_id)
        REFERENCES spring_session (primary_id) ON DELETE CASCADE
);

-- Spring Modulith event publication registry: no event is lost on a crash.
CREATE TABLE event_publication (
    id                     uuid        NOT NULL PRIMARY KEY,
    listener_id            text        NOT NULL,
    event_type             text        NOT NULL,
    serialized_event       text        NOT NULL,
    publication_date       timestamptz NOT NULL,
    completion_date        timestamptz,
    status                 text,
    completion_attempts    int,
    last_resubmission_date timestamptz
);
CREATE INDEX event_publication_serialized_event_hash_idx ON event_publication USING hash (serialized_event);
CREATE INDEX event_publication_by_completion_date_idx ON event_publication (completion_date);
