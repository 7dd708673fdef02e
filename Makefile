# sam build's targets for template.yaml's two functions (Metadata: BuildMethod: makefile).
#
# How sam build runs them (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/building-custom-runtimes.html,
# https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-cli-command-reference-sam-build.html
# for BuildMethod: makefile and --build-in-source; the details below are aws-lambda-builders' CustomMakeWorkflow and
# CustomMakeAction): it finds the Makefile in the function's CodeUri directory (producer-function/, consumer-function/,
# whose Makefiles include this one), copies that directory to a scratch directory, or uses it as it is with
# `sam build --build-in-source`, and there runs
#
#   make --makefile <CodeUri>/Makefile build-<LogicalId>      with ARTIFACTS_DIR=.aws-sam/build/<LogicalId>
#
# A function module alone does not build: it needs the parent pom and shared-model. So the targets ignore the directory
# they run in and run the Maven wrapper here, in the source tree, which this file finds from its own path (the one
# sam build passes with --makefile). This works with and without --build-in-source; it does not work with
# --use-container, which mounts only the CodeUri directory.
#
# What they put in ARTIFACTS_DIR is what Lambda's Java runtime loads: its class path is /var/task and every jar in
# /var/task/lib (https://docs.aws.amazon.com/lambda/latest/dg/java-package.html, whose Gradle example packages a
# function this way). The shaded jar goes to lib/ as it is, so the deployed code is the jar Maven built, byte for byte.
# The producer's example record specs go to specs/, where PAYLOAD_SPEC=specs/<name>.json finds them (/var/task/specs).
#
# By hand: make build-ProducerFunction ARTIFACTS_DIR=/tmp/producer

ROOT := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))

# -DskipTests: sam build packages; ./mvnw verify is where the tests run. Override with MAVEN_FLAGS="-B -o" etc.
MAVEN_FLAGS ?= -B -q
MAVEN_GOALS := package -DskipTests

# The files a function's jar is built from: when the jar is newer than all of them (a ./mvnw package ran since the
# last change), make does not start Maven again.
sources = $(shell find $(ROOT)/$(1)/src $(ROOT)/shared-model/src -type f) \
	$(ROOT)/pom.xml $(ROOT)/$(1)/pom.xml $(ROOT)/shared-model/pom.xml

$(ROOT)/producer-function/target/producer-function.jar: $(call sources,producer-function)
	cd $(ROOT) && ./mvnw $(MAVEN_FLAGS) $(MAVEN_GOALS) -pl producer-function -am

$(ROOT)/consumer-function/target/consumer-function.jar: $(call sources,consumer-function)
	cd $(ROOT) && ./mvnw $(MAVEN_FLAGS) $(MAVEN_GOALS) -pl consumer-function -am

.PHONY: build-ProducerFunction build-ConsumerFunction artifacts-dir

artifacts-dir:
	$(if $(ARTIFACTS_DIR),,$(error ARTIFACTS_DIR is not set: sam build sets it; by hand, make $(MAKECMDGOALS) ARTIFACTS_DIR=<dir>))

build-ProducerFunction: artifacts-dir $(ROOT)/producer-function/target/producer-function.jar
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp $(ROOT)/producer-function/target/producer-function.jar "$(ARTIFACTS_DIR)/lib/"
	cp -R $(ROOT)/producer-function/specs "$(ARTIFACTS_DIR)/"

build-ConsumerFunction: artifacts-dir $(ROOT)/consumer-function/target/consumer-function.jar
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp $(ROOT)/consumer-function/target/consumer-function.jar "$(ARTIFACTS_DIR)/lib/"
