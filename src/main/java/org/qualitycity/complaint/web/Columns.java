package org.qualitycity.complaint.web;

import org.qualitycity.complaint.internal.Dtos.CaseView;
import org.qualitycity.platform.ExcelExport.Column;

import java.util.List;

/** Export columns; the views given are already masked. */
final class Columns {

    private Columns() {
    }

    static List<Column<CaseView>> excel() {
        return List.of(new Column<>("编号", CaseView::trackingCode), new Column<>("类型", CaseView::type),
                new Column<>("渠道", CaseView::channel), new Column<>("类别", CaseView::subcategory),
                new Column<>("被投诉人", CaseView::respondentName), new Column<>("区域", CaseView::districtName),
                new Column<>("承办单位", CaseView::unitName), new Column<>("登记日期", CaseView::receivedOn),
                new Column<>("状态", CaseView::status), new Column<>("姓名", CaseView::personName),
                new Column<>("电话", CaseView::personPhone), new Column<>("证件号", CaseView::personIdNumber),
                new Column<>("地址", CaseView::personAddress), new Column<>("受理时限", CaseView::acceptDue),
                new Column<>("受理日期", CaseView::decidedOn), new Column<>("办结日期", CaseView::handledOn),
                new Column<>("结果", CaseView::outcome), new Column<>("挽回损失", CaseView::moneyRecovered),
                new Column<>("答复日期", CaseView::repliedOn), new Column<>("满意度", CaseView::satisfaction));
    }
}
