package io.msklambda.local.sam;

import static io.msklambda.local.sam.TemplateYaml.map;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Reads the schedules that invoke one function, as {@link SamTemplate#scheduleRules} describes them. */
final class ScheduleRules {

    /** SAM names a function's own schedule target {@code <rule id>LambdaTarget}, cut to EventBridge's 64 characters. */
    private static final String SAM_TARGET_SUFFIX = "LambdaTarget";

    private static final int TARGET_ID_LENGTH = 64;

    private final Intrinsics intrinsics;
    private final String functionId;

    ScheduleRules(Intrinsics intrinsics, String functionId) {
        this.intrinsics = intrinsics;
        this.functionId = functionId;
    }

    List<ScheduleRule> read(Map<String, Object> resources, Map<String, Object> functionEvents, String eventsPath) {
        List<ScheduleRule> rules = new ArrayList<>();
        resources.forEach((id, definition) -> {
            Map<String, Object> resource = map(definition);
            String type = String.valueOf(resource.get("Type"));
            Object condition = resource.get("Condition");
            if (!type.equals("AWS::Events::Rule") && !type.equals("AWS::Scheduler::Schedule")
                    || condition != null
                            && !intrinsics.condition(String.valueOf(condition), "Resources." + id + ".Condition")) {
                return;
            }
            String path = "Resources." + id + ".Properties";
            PropertyReader properties = new PropertyReader(intrinsics.resolve(resource.get("Properties"), path), path);
            rules.add(type.equals("AWS::Events::Rule") ? eventsRule(id, properties) : schedule(id, properties));
        });
        functionEvents.forEach((eventId, event) -> {
            PropertyReader properties =
                    new PropertyReader(map(event).get("Properties"), eventsPath + "." + eventId + ".Properties");
            switch (String.valueOf(map(event).get("Type"))) {
                case "Schedule" -> rules.add(samSchedule(functionId + eventId, properties));
                case "ScheduleV2" -> rules.add(samScheduleV2(functionId + eventId, properties));
                default -> {
                    // not a schedule
                }
            }
        });
        rules.removeIf(Objects::isNull);
        return rules;
    }

    /** An EventBridge rule with a schedule, with its targets that invoke the function; null for any other rule. */
    private ScheduleRule eventsRule(String id, PropertyReader properties) {
        List<ScheduleTarget> targets = new ArrayList<>();
        for (PropertyReader target : properties.children("Targets")) {
            if (invokesFunction(target.text("Arn"))) {
                targets.add(new ScheduleTarget(
                        target.requiredText("Id", "a rule target"),
                        functionId,
                        eventBridgeInput(target),
                        maximumEventAge(target),
                        maximumRetries(target)));
            }
        }
        if (!properties.has("ScheduleExpression") || targets.isEmpty()) {
            return null;
        }
        return new ScheduleRule(
                id,
                properties.text("ScheduleExpression"),
                !"DISABLED".equals(properties.text("State")),
                targets,
                intrinsics.arn(id));
    }

    /** An EventBridge Scheduler schedule whose one target is the function; null for any other. */
    private ScheduleRule schedule(String id, PropertyReader properties) {
        PropertyReader target = properties.child("Target");
        if (!invokesFunction(target.text("Arn"))) {
            return null;
        }
        return new ScheduleRule(
                id,
                properties.text("ScheduleExpression"),
                !"DISABLED".equals(properties.text("State")),
                List.of(new ScheduleTarget(
                        id,
                        functionId,
                        new TargetInput.SchedulerInput(target.text("Input")),
                        maximumEventAge(target),
                        maximumRetries(target))),
                LocalArns.of("AWS::Scheduler::Schedule", id));
    }

    /** A function's {@code Schedule} event: the EventBridge rule SAM makes of it. */
    private ScheduleRule samSchedule(String ruleId, PropertyReader properties) {
        if (properties.has("State") && properties.has("Enabled")) {
            throw properties.invalid(
                    "Enabled", properties.value("Enabled"), "State or Enabled, not both (SAM refuses both)");
        }
        boolean enabled = properties.has("Enabled")
                ? !Boolean.FALSE.equals(properties.bool("Enabled"))
                : !"DISABLED".equals(properties.text("State"));
        String targetId = ruleId.length() + SAM_TARGET_SUFFIX.length() <= TARGET_ID_LENGTH
                ? ruleId + SAM_TARGET_SUFFIX
                : ruleId.substring(0, TARGET_ID_LENGTH - SAM_TARGET_SUFFIX.length()) + SAM_TARGET_SUFFIX;
        TargetInput input = properties.has("Input")
                ? new TargetInput.Constant(properties.text("Input"))
                : new TargetInput.MatchedEvent();
        return new ScheduleRule(
                ruleId,
                properties.requiredText("Schedule", "a Schedule event"),
                enabled,
                List.of(new ScheduleTarget(
                        targetId, functionId, input, maximumEventAge(properties), maximumRetries(properties))),
                LocalArns.of("AWS::Events::Rule", ruleId));
    }

    /** A function's {@code ScheduleV2} event: the Scheduler schedule SAM makes of it. */
    private ScheduleRule samScheduleV2(String scheduleId, PropertyReader properties) {
        return new ScheduleRule(
                scheduleId,
                properties.requiredText("ScheduleExpression", "a ScheduleV2 event"),
                !"DISABLED".equals(properties.text("State")),
                List.of(new ScheduleTarget(
                        scheduleId,
                        functionId,
                        new TargetInput.SchedulerInput(properties.text("Input")),
                        maximumEventAge(properties),
                        maximumRetries(properties))),
                LocalArns.of("AWS::Scheduler::Schedule", scheduleId));
    }

    /** A target names the function by {@code Ref}, {@code Ref X.Alias} or {@code GetAtt X.Arn}, maybe qualified. */
    private boolean invokesFunction(String arn) {
        String functionArn = intrinsics.arn(functionId);
        return arn != null && (arn.equals(functionId) || arn.equals(functionArn) || arn.startsWith(functionArn + ":"));
    }

    /** EventBridge takes at most one of Input, InputPath and InputTransformer; none delivers the event itself. */
    private static TargetInput eventBridgeInput(PropertyReader target) {
        long given = target.names().stream()
                .filter(n -> n.equals("Input") || n.equals("InputPath") || n.equals("InputTransformer"))
                .count();
        if (given > 1) {
            throw target.invalid("Input", target.names(), "one of Input, InputPath and InputTransformer");
        }
        if (target.has("Input")) {
            return new TargetInput.Constant(target.text("Input"));
        }
        if (target.has("InputPath")) {
            return new TargetInput.Path(target.text("InputPath"));
        }
        if (target.has("InputTransformer")) {
            PropertyReader transformer = target.child("InputTransformer");
            Map<String, String> paths = new LinkedHashMap<>();
            PropertyReader pathsMap = transformer.child("InputPathsMap");
            pathsMap.names().forEach(name -> paths.put(name, pathsMap.text(name)));
            return new TargetInput.Transformer(paths, transformer.requiredText("InputTemplate", "an InputTransformer"));
        }
        return new TargetInput.MatchedEvent();
    }

    // EventBridge's and Scheduler's RetryPolicy: 60 s to 24 h, 0 to 185 retries (PutTargets and CreateSchedule API)
    private static Integer maximumEventAge(PropertyReader target) {
        return target.child("RetryPolicy").integer("MaximumEventAgeInSeconds", 60, 86_400);
    }

    private static Integer maximumRetries(PropertyReader target) {
        return target.child("RetryPolicy").integer("MaximumRetryAttempts", 0, 185);
    }
}
