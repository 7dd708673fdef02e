package io.msklambda.local.sam;

import java.util.Map;

/** Where the local stack lives, and the ARNs of its resources. */
final class LocalArns {

    static final String REGION = "us-east-1";
    static final String ACCOUNT = "123456789012";
    /** By resource type: a format taking region, account and name. */
    private static final Map<String, String> FORMATS = Map.of(
            "AWS::DynamoDB::Table", "arn:aws:dynamodb:%s:%s:table/%s",
            "AWS::Serverless::Function", "arn:aws:lambda:%s:%s:function:%s",
            "AWS::Lambda::Function", "arn:aws:lambda:%s:%s:function:%s",
            "AWS::IAM::Role", "arn:aws:iam::%2$s:role/%3$s",
            "AWS::Logs::LogGroup", "arn:aws:logs:%s:%s:log-group:%s:*",
            "AWS::Events::Rule", "arn:aws:events:%s:%s:rule/%s",
            "AWS::Scheduler::Schedule", "arn:aws:scheduler:%s:%s:schedule/default/%s",
            "AWS::SQS::Queue", "arn:aws:sqs:%s:%s:%s",
            "AWS::S3::Bucket", "arn:aws:s3:::%3$s");

    private LocalArns() {}

    /** The ARN of a resource of this type and name in the local stack, or the name for a type without one here. */
    static String of(String type, String name) {
        String format = FORMATS.get(type);
        return format == null ? name : String.format(format, REGION, ACCOUNT, name);
    }
}
