-- Issue 10 (cor-indicators), item 8.
-- P3's key foods are the plan's list (四.(五).2: 特色食品、乳制品、食用油、肉类、酒类、食品添加剂、保健食品), read from the
-- plan file (P3's breakdown). plan_term names the plan's word a catalogue category falls under; key_food stays
-- as the fallback for a plan without a list, and now follows the bundled plan's list.
ALTER TABLE spotcheck_category ADD COLUMN plan_term varchar(50);
UPDATE spotcheck_category SET plan_term = '乳制品' WHERE code = 'FOOD-DAIRY';
UPDATE spotcheck_category SET plan_term = '肉类' WHERE code = 'FOOD-MEAT';
UPDATE spotcheck_category SET plan_term = '食用油' WHERE code = 'FOOD-OIL';
INSERT INTO spotcheck_category (code, name_zh, name_en, kind, key_food, plan_term) VALUES
    ('FOOD-LOCAL', '特色食品', 'Local speciality foods', 'FOOD', true, '特色食品'),
    ('FOOD-LIQUOR', '酒类', 'Alcoholic beverages', 'FOOD', true, '酒类'),
    ('FOOD-ADDITIVE', '食品添加剂', 'Food additives', 'FOOD', true, '食品添加剂'),
    ('FOOD-HEALTH', '保健食品', 'Health foods', 'FOOD', true, '保健食品');
UPDATE spotcheck_category SET key_food = (plan_term IS NOT NULL);

-- P4 counts 地产 (locally produced) edible agricultural products only: where the sampled batch was produced.
ALTER TABLE spotcheck_sample ADD COLUMN local_origin boolean NOT NULL DEFAULT true;
