-- Issue 14 (product side): product categories, the licence catalogues with effective dates, the categories an
-- enterprise makes, and the category of a licence or a declared standard. P6 and P8 are computed from these.

-- Product categories an enterprise may declare (生产许可、CCC目录内的类别及其他常见工业产品类别). Editable data.
CREATE TABLE enterprise_product_category (
    code       varchar(20)  PRIMARY KEY CHECK (code ~ '^[A-Z0-9][A-Z0-9-]{1,19}$'),
    name_zh    varchar(200) NOT NULL,
    name_en    varchar(200) NOT NULL,
    demo       boolean      NOT NULL DEFAULT false,
    updated_at timestamptz  NOT NULL DEFAULT now()
);

-- Which categories require an industrial production licence (工业产品生产许可证) or a CCC certificate
-- (强制性产品认证), from when until when: a category may enter or leave a catalogue (国发〔2019〕19号 cut the
-- licence catalogue to 10 categories and moved others to CCC). effective_to NULL: in force.
CREATE TABLE enterprise_licence_catalogue (
    id             bigserial    PRIMARY KEY,
    category_code  varchar(20)  NOT NULL REFERENCES enterprise_product_category (code),
    regime         varchar(20)  NOT NULL CHECK (regime IN ('PRODUCTION_LICENCE', 'CCC')),
    effective_from date         NOT NULL,
    effective_to   date,
    basis          varchar(200),
    updated_at     timestamptz  NOT NULL DEFAULT now(),
    CHECK (effective_to IS NULL OR effective_to >= effective_from)
);
CREATE INDEX enterprise_licence_catalogue_category_idx ON enterprise_licence_catalogue (category_code);

-- The categories an enterprise makes, from when (and until when it stopped).
CREATE TABLE enterprise_product (
    id             bigserial   PRIMARY KEY,
    enterprise_id  bigint      NOT NULL REFERENCES enterprise (id) ON DELETE CASCADE,
    category_code  varchar(20) NOT NULL REFERENCES enterprise_product_category (code),
    since          date        NOT NULL,
    until          date,
    demo           boolean     NOT NULL DEFAULT false,
    CHECK (until IS NULL OR until >= since)
);
CREATE INDEX enterprise_product_enterprise_idx ON enterprise_product (enterprise_id);
CREATE INDEX enterprise_product_category_idx ON enterprise_product (category_code);

-- the category a licence or certificate covers, and the category a declared standard is for
ALTER TABLE enterprise_licence ADD COLUMN category_code varchar(20) REFERENCES enterprise_product_category (code);
ALTER TABLE enterprise_standard ADD COLUMN category_code varchar(20) REFERENCES enterprise_product_category (code);
CREATE INDEX enterprise_licence_category_idx ON enterprise_licence (enterprise_id, category_code);
CREATE INDEX enterprise_standard_category_idx ON enterprise_standard (enterprise_id, category_code);

-- The current catalogues as shipped data (edit them on the catalogue page or under /api/v1/licence-catalogue):
-- the 2019 licence catalogue (10 categories, 国发〔2019〕19号), the CCC catalogue (17 groups) with the two groups
-- moved from licence to CCC, and common categories that need neither.
INSERT INTO enterprise_product_category (code, name_zh, name_en) VALUES
    ('PL-REBAR', '建筑用钢筋', 'Steel bars for construction'),
    ('PL-CEMENT', '水泥', 'Cement'),
    ('PL-BROADCAST', '广播电视传输设备', 'Broadcast and television transmission equipment'),
    ('PL-RMB', '人民币鉴别仪', 'Banknote discriminators'),
    ('PL-GIRDER', '预应力混凝土铁路桥简支梁', 'Prestressed concrete railway bridge girders'),
    ('PL-CABLE', '电线电缆', 'Wires and cables'),
    ('PL-HAZCHEM', '危险化学品', 'Hazardous chemicals'),
    ('PL-HAZPACK', '危险化学品包装物及容器', 'Packaging and containers for hazardous chemicals'),
    ('PL-FERTILISER', '化肥', 'Fertilisers'),
    ('PL-FOODCONTACT', '直接接触食品的材料等相关产品', 'Food-contact materials'),
    ('PL-PUMP', '泵', 'Pumps'),
    ('PL-BEARING', '轴承', 'Bearings'),
    ('CCC-SWITCH', '电路开关及保护或连接用电器装置', 'Circuit switches and protective or connecting devices'),
    ('CCC-LVAPP', '低压电器', 'Low-voltage apparatus'),
    ('CCC-MOTOR', '小功率电动机', 'Small-power motors'),
    ('CCC-TOOL', '电动工具', 'Electric tools'),
    ('CCC-WELDER', '电焊机', 'Welding machines'),
    ('CCC-HOUSEHOLD', '家用和类似用途设备', 'Household and similar appliances'),
    ('CCC-ELECTRONIC', '电子产品及安全附件', 'Electronic products and safety accessories'),
    ('CCC-LIGHTING', '照明电器', 'Lighting apparatus'),
    ('CCC-VEHICLE', '车辆及安全附件', 'Vehicles and safety parts'),
    ('CCC-FARMMACH', '农机产品', 'Agricultural machinery'),
    ('CCC-FIRE', '消防产品', 'Fire-fighting products'),
    ('CCC-SECURITY', '安全防范产品', 'Security and protection products'),
    ('CCC-BUILDMAT', '建材产品', 'Building material products'),
    ('CCC-CHILD', '儿童用品', 'Children''s products'),
    ('CCC-EXPLOSION', '防爆电气', 'Explosion-proof electrical products'),
    ('CCC-GAS', '家用燃气器具', 'Domestic gas appliances'),
    ('GEN-FURNITURE', '家具', 'Furniture'),
    ('GEN-TEXTILE', '纺织服装', 'Textiles and garments'),
    ('GEN-HARDWARE', '五金制品', 'Hardware'),
    ('GEN-TEA', '茶叶制品', 'Tea products'),
    ('GEN-PAPER', '纸制品', 'Paper products'),
    ('GEN-PLASTIC', '塑料制品', 'Plastic products');

INSERT INTO enterprise_licence_catalogue (category_code, regime, effective_from, effective_to, basis) VALUES
    ('PL-REBAR', 'PRODUCTION_LICENCE', '2005-09-01', NULL, '工业产品生产许可证管理目录'),
    ('PL-CEMENT', 'PRODUCTION_LICENCE', '2005-09-01', NULL, '工业产品生产许可证管理目录'),
    ('PL-BROADCAST', 'PRODUCTION_LICENCE', '2005-09-01', NULL, '工业产品生产许可证管理目录'),
    ('PL-RMB', 'PRODUCTION_LICENCE', '2005-09-01', NULL, '工业产品生产许可证管理目录'),
    ('PL-GIRDER', 'PRODUCTION_LICENCE', '2005-09-01', NULL, '工业产品生产许可证管理目录'),
    ('PL-CABLE', 'PRODUCTION_LICENCE', '2005-09-01', NULL, '工业产品生产许可证管理目录'),
    ('PL-HAZCHEM', 'PRODUCTION_LICENCE', '2005-09-01', NULL, '工业产品生产许可证管理目录'),
    ('PL-HAZPACK', 'PRODUCTION_LICENCE', '2005-09-01', NULL, '工业产品生产许可证管理目录'),
    ('PL-FERTILISER', 'PRODUCTION_LICENCE', '2005-09-01', NULL, '工业产品生产许可证管理目录'),
    ('PL-FOODCONTACT', 'PRODUCTION_LICENCE', '2005-09-01', NULL, '工业产品生产许可证管理目录'),
    ('PL-PUMP', 'PRODUCTION_LICENCE', '2005-09-01', '2019-09-30', '国发〔2019〕19号 取消'),
    ('PL-BEARING', 'PRODUCTION_LICENCE', '2005-09-01', '2017-06-30', '国发〔2017〕34号 取消'),
    ('PL-CABLE', 'CCC', '2002-05-01', NULL, '强制性产品认证目录'),
    ('CCC-SWITCH', 'CCC', '2002-05-01', NULL, '强制性产品认证目录'),
    ('CCC-LVAPP', 'CCC', '2002-05-01', NULL, '强制性产品认证目录'),
    ('CCC-MOTOR', 'CCC', '2002-05-01', NULL, '强制性产品认证目录'),
    ('CCC-TOOL', 'CCC', '2002-05-01', NULL, '强制性产品认证目录'),
    ('CCC-WELDER', 'CCC', '2002-05-01', NULL, '强制性产品认证目录'),
    ('CCC-HOUSEHOLD', 'CCC', '2002-05-01', NULL, '强制性产品认证目录'),
    ('CCC-ELECTRONIC', 'CCC', '2002-05-01', NULL, '强制性产品认证目录'),
    ('CCC-LIGHTING', 'CCC', '2002-05-01', NULL, '强制性产品认证目录'),
    ('CCC-VEHICLE', 'CCC', '2002-05-01', NULL, '强制性产品认证目录'),
    ('CCC-FARMMACH', 'CCC', '2002-05-01', NULL, '强制性产品认证目录'),
    ('CCC-FIRE', 'CCC', '2002-05-01', NULL, '强制性产品认证目录'),
    ('CCC-SECURITY', 'CCC', '2002-05-01', NULL, '强制性产品认证目录'),
    ('CCC-BUILDMAT', 'CCC', '2002-05-01', NULL, '强制性产品认证目录'),
    ('CCC-CHILD', 'CCC', '2007-06-01', NULL, '强制性产品认证目录'),
    ('CCC-EXPLOSION', 'PRODUCTION_LICENCE', '2005-09-01', '2019-09-30', '工业产品生产许可证管理目录（转为CCC）'),
    ('CCC-EXPLOSION', 'CCC', '2019-10-01', NULL, '市场监管总局公告2019年第34号'),
    ('CCC-GAS', 'PRODUCTION_LICENCE', '2005-09-01', '2019-09-30', '工业产品生产许可证管理目录（转为CCC）'),
    ('CCC-GAS', 'CCC', '2019-10-01', NULL, '市场监管总局公告2019年第34号');


UPDATE platform_role SET permissions = permissions || ARRAY['enterprise:catalogue:view']
WHERE code IN ('DEPT_OFFICER', 'DISTRICT_OFFICER');
