-- Issue 16 (slot 5): energy metering of key energy users. The energy meters are the monitoring module's devices of
-- profile ENERGY_METER (attributes: enterpriseCode = the enterprise's unified social credit code, energyType = a code
-- below, unit = the meter's unit, optional coalFactor overriding the reference value, readingsPerDay = the readings
-- expected per day, noDataHours = hours without a reading after which the meter is late). This table holds the energy
-- types with their base unit and the conversion to standard coal: the reference coefficients of GB/T 2589-2020
-- "General principles for calculation of the comprehensive energy consumption", Appendix A (Table A.1), in kgce per
-- base unit. Natural gas: the standard gives the range 1.1000-1.3300 kgce/m3; 1.2143 (38 931 kJ/m3) is used unless
-- the meter names its own factor. Electricity: the equivalent value 0.1229 kgce/kWh (3 600 kJ/kWh).
CREATE TABLE environment_energy_type (
    code        varchar(24) PRIMARY KEY,
    name_zh     varchar(50)   NOT NULL,
    name_en     varchar(100)  NOT NULL,
    base_unit   varchar(8)    NOT NULL,
    coal_factor numeric(10, 5) NOT NULL CHECK (coal_factor > 0),
    sort        int           NOT NULL
);

INSERT INTO environment_energy_type (code, name_zh, name_en, base_unit, coal_factor, sort) VALUES
    ('RAW_COAL', '原煤', 'Raw coal', 'kg', 0.7143, 1),
    ('WASHED_COAL', '洗精煤', 'Cleaned coal', 'kg', 0.9000, 2),
    ('COKE', '焦炭', 'Coke', 'kg', 0.9714, 3),
    ('CRUDE_OIL', '原油', 'Crude oil', 'kg', 1.4286, 4),
    ('FUEL_OIL', '燃料油', 'Fuel oil', 'kg', 1.4286, 5),
    ('GASOLINE', '汽油', 'Gasoline', 'kg', 1.4714, 6),
    ('KEROSENE', '煤油', 'Kerosene', 'kg', 1.4714, 7),
    ('DIESEL', '柴油', 'Diesel oil', 'kg', 1.4571, 8),
    ('LPG', '液化石油气', 'Liquefied petroleum gas', 'kg', 1.7143, 9),
    ('NATURAL_GAS', '天然气', 'Natural gas', 'm3', 1.2143, 10),
    ('ELECTRICITY', '电力（当量值）', 'Electricity (equivalent value)', 'kWh', 0.1229, 11),
    ('HEAT', '热力', 'Heat', 'MJ', 0.03412, 12);

UPDATE platform_role SET permissions = permissions || ARRAY['environment:energy:view']
WHERE code IN ('DEPT_OFFICER', 'DISTRICT_OFFICER', 'ENTERPRISE');
