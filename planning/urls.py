from django.urls import path

from planning.views import exports, targets, tasks, timeline

app_name = "planning"

urlpatterns = [
    path("", timeline.timeline_page, name="timeline"),
    path("plans/<int:pk>/freeze/", timeline.freeze, name="freeze"),
    path("plans/<int:pk>/quarters/", timeline.PlanQuarters.as_view(), name="plan_quarters"),
    path("plans/<int:plan_pk>/tasks/new/", tasks.task_create, name="task_create"),
    path("export.xlsx", exports.export_xlsx, name="export_xlsx"),
    path("export.pdf", exports.export_pdf, name="export_pdf"),
    path("tasks/<int:pk>/", tasks.task_detail, name="task_detail"),
    path("tasks/<int:pk>/row/", tasks.task_row, name="task_row"),
    path("tasks/<int:pk>/quick/", tasks.task_quick_edit, name="task_quick"),
    path("tasks/<int:pk>/edit/", tasks.task_edit, name="task_edit"),
    path("tasks/<int:pk>/notes/", tasks.add_note, name="add_note"),
    path("targets/", targets.targets, name="targets"),
    path("targets/new/", targets.TargetCreate.as_view(), name="target_create"),
    path("targets/<int:pk>/edit/", targets.TargetUpdate.as_view(), name="target_edit"),
    path(
        "targets/<int:target_pk>/sub-goals/new/",
        targets.SubGoalCreate.as_view(),
        name="sub_goal_create",
    ),
    path("sub-goals/<int:pk>/edit/", targets.SubGoalUpdate.as_view(), name="sub_goal_edit"),
    path("targets/periods/new/", targets.PeriodCreate.as_view(), name="period_create"),
    path("targets/periods/<int:pk>/edit/", targets.PeriodUpdate.as_view(), name="period_edit"),
    path("targets/periods/<int:pk>/send/", targets.PeriodSend.as_view(), name="period_send"),
    path(
        "targets/periods/<int:pk>/decision/",
        targets.PeriodDecision.as_view(),
        name="period_decision",
    ),
    path(
        "targets/<int:sub_goal_pk>/periods/<int:period_pk>/",
        targets.StatusEdit.as_view(),
        name="status_edit",
    ),
]
