package org.qualitycity.platform.web;

import org.qualitycity.platform.ExcelExport.Column;
import org.qualitycity.platform.internal.UserService.UserView;

import java.util.List;

/** Export columns of the user list, shared by the page and the API. */
final class UserColumns {

    static final List<Column<UserView>> COLUMNS = List.of(
            new Column<>("users.export.username", UserView::username),
            new Column<>("users.export.name", UserView::displayName),
            new Column<>("users.export.unit-code", UserView::unitCode),
            new Column<>("users.export.unit", UserView::unitName),
            new Column<>("users.export.roles", u -> String.join(",", u.roles())),
            new Column<>("users.export.phone", UserView::phone),
            new Column<>("users.export.email", UserView::email),
            new Column<>("users.export.active", UserView::active),
            new Column<>("users.export.locked", UserView::locked),
            new Column<>("users.export.created", UserView::createdAt));

    private UserColumns() {
    }
}
