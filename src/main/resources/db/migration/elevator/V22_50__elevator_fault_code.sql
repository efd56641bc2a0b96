-- Issue 16 (slot 5): the status and fault codes of the elevator IoT interface (GB/T 24476-2017, the fault, event and
-- alarm information a car's monitoring terminal reports) as data, with their names in both languages. Incoming
-- fault_code values are labelled from this table on the elevator page and in the rescue order; a code that is not
-- here is shown as unknown with its code. The numbering is the one the elevator cloud's terminals send (fault codes
-- 1-29, events 30-49, alarms 50-69); a city whose terminals use other numbers edits this table, not the code.
CREATE TABLE elevator_fault_code (
    code    int PRIMARY KEY CHECK (code > 0),
    kind    varchar(8)   NOT NULL CHECK (kind IN ('FAULT', 'EVENT', 'ALARM')),
    name_zh varchar(100) NOT NULL,
    name_en varchar(200) NOT NULL
);

INSERT INTO elevator_fault_code (code, kind, name_zh, name_en) VALUES
    (1, 'FAULT', '安全回路断路', 'Safety circuit open'),
    (2, 'FAULT', '门锁回路断路', 'Door lock circuit open'),
    (3, 'FAULT', '轿厢在开锁区域外停止', 'Car stopped outside the unlocking zone'),
    (4, 'FAULT', '运行中开门', 'Door opened while the car was moving'),
    (5, 'FAULT', '冲顶', 'Car overran the top terminal'),
    (6, 'FAULT', '蹲底', 'Car overran the bottom terminal'),
    (7, 'FAULT', '超速', 'Overspeed'),
    (8, 'FAULT', '轿厢意外移动', 'Unintended car movement'),
    (9, 'FAULT', '开门故障', 'Door failed to open'),
    (10, 'FAULT', '关门故障', 'Door failed to close'),
    (11, 'FAULT', '驱动主机故障', 'Drive machine fault'),
    (12, 'FAULT', '制动器故障', 'Brake fault'),
    (13, 'FAULT', '控制系统故障', 'Control system fault'),
    (14, 'FAULT', '供电中断', 'Power supply interrupted'),
    (15, 'FAULT', '层门锁短接', 'Landing door lock bypassed'),
    (30, 'EVENT', '检修运行', 'Inspection operation'),
    (31, 'EVENT', '消防运行', 'Firefighters'' operation'),
    (32, 'EVENT', '锁梯', 'Car locked out of service'),
    (33, 'EVENT', '恢复正常运行', 'Back to normal operation'),
    (34, 'EVENT', '紧急电动运行', 'Emergency electrical operation'),
    (50, 'ALARM', '困人', 'Passenger trapped'),
    (51, 'ALARM', '紧急报警装置动作', 'Emergency alarm button pressed'),
    (52, 'ALARM', '轿厢超载', 'Car overloaded'),
    (53, 'ALARM', '电动自行车进入轿厢', 'Electric bicycle in the car'),
    (54, 'ALARM', '烟雾报警', 'Smoke detected');

-- the fault code the car reported when the order opened (from elevator_status), labelled like the elevator page
ALTER TABLE elevator_rescue_order ADD COLUMN fault_code varchar(16);
