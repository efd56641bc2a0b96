package org.qualitycity.complaint.web;

import org.qualitycity.complaint.internal.Dtos.CaseView;
import org.qualitycity.platform.ExcelExport.Column;

import java.util.List;

/** Export columns (headers are message keys, rendered in the requesting user's language); the views given are already masked. */
final class Columns {

    private Columns() {
    }

    static List<Column<CaseView>> excel() {
        return List.of(new Column<>("complaint.export.trackingCode", CaseView::trackingCode), new Column<>("complaint.export.type", CaseView::type),
                new Column<>("complaint.export.channel", CaseView::channel), new Column<>("complaint.export.subcategory", CaseView::subcategory),
                new Column<>("complaint.export.respondentName", CaseView::respondentName), new Column<>("complaint.export.districtName", CaseView::districtName),
                new Column<>("complaint.export.unitName", CaseView::unitName), new Column<>("complaint.export.receivedOn", CaseView::receivedOn),
                new Column<>("complaint.export.status", CaseView::status), new Column<>("complaint.export.personName", CaseView::personName),
                new Column<>("complaint.export.personPhone", CaseView::personPhone), new Column<>("complaint.export.personIdNumber", CaseView::personIdNumber),
                new Column<>("complaint.export.personAddress", CaseView::personAddress), new Column<>("complaint.export.acceptDue", CaseView::acceptDue),
                new Column<>("complaint.export.decidedOn", CaseView::decidedOn), new Column<>("complaint.export.handledOn", CaseView::handledOn),
                new Column<>("complaint.export.outcome", CaseView::outcome), new Column<>("complaint.export.moneyRecovered", CaseView::moneyRecovered),
                new Column<>("complaint.export.repliedOn", CaseView::repliedOn), new Column<>("complaint.export.satisfaction", CaseView::satisfaction));
    }
}
