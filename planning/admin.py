from django.contrib import admin

from planning import models


class WorkstreamInline(admin.TabularInline):
    model = models.Workstream
    extra = 0


@admin.register(models.Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["name", "dated"]
    inlines = [WorkstreamInline]


@admin.register(models.Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ["title", "workstream", "start_quarter", "end_quarter", "status"]
    list_filter = ["workstream__plan", "workstream", "status", "quarters_inferred"]
    search_fields = ["title", "description"]
    filter_horizontal = ["depends_on", "sites", "agreements"]


class SubGoalInline(admin.StackedInline):
    model = models.SubGoal
    extra = 0


@admin.register(models.StrategicTarget)
class StrategicTargetAdmin(admin.ModelAdmin):
    list_display = ["title", "order"]
    inlines = [SubGoalInline]


@admin.register(models.ReportingPeriod)
class ReportingPeriodAdmin(admin.ModelAdmin):
    list_display = ["title", "starts", "ends"]


@admin.register(models.SubGoalStatus)
class SubGoalStatusAdmin(admin.ModelAdmin):
    list_display = ["sub_goal", "period"]
    list_filter = ["period"]


admin.site.register(models.Baseline)
admin.site.register(models.ProgressNote)
