package org.qualitycity.platform.web;

import org.qualitycity.platform.ExcelExport.Column;
import org.qualitycity.platform.internal.UserService.UserView;

import java.util.List;

/** Export columns of the user list, shared by the page and the API. */
final class UserColumns {

    static final List<Column<UserView>> COLUMNS = List.of(
            new Column<>("用户名 Username", UserView::username),
            new Column<>("姓名 Name", UserView::displayName),
            new Column<>("单位代码 Unit code", UserView::unitCode),
            new Column<>("单位 Unit", UserView::unitName),
            new Column<>("角色 Roles", u -> String.join(",", u.roles())),
            new Column<>("电话 Phone", UserView::phone),
            new Column<>("邮箱 Email", UserView::email),
            new Column<>("启用 Active", UserView::active),
            new Column<>("锁定 Locked", UserView::locked),
            new Column<>("创建时间 Created", UserView::createdAt));

    private UserColumns() {
    }
}
