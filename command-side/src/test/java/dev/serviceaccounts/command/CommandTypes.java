package dev.serviceaccounts.command;

import dev.serviceaccounts.api.id.CompanyId;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.TypeFilter;
import org.springframework.util.ClassUtils;

/** Finds the command types of the shared API and the commands an aggregate handles, by reflection. */
public final class CommandTypes {

    private CommandTypes() {
    }

    /**
     * @return every class of the shared API (the package of {@link CompanyId} and its parent, scanned on the
     *         classpath) named {@code *Command} or with a {@link TargetAggregateIdentifier} field, but the
     *         interfaces (markers such as {@code CredentialCommand})
     */
    public static Set<Class<?>> inSharedApi() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(org.springframework.beans.factory.annotation.AnnotatedBeanDefinition
                                                           definition) {
                return definition.getMetadata().isIndependent();
            }
        };
        TypeFilter everything = (reader, factory) -> true;
        scanner.addIncludeFilter(everything);
        String root = CompanyId.class.getPackageName().substring(0, CompanyId.class.getPackageName().lastIndexOf('.'));
        return scanner.findCandidateComponents(root).stream()
                .map(BeanDefinition::getBeanClassName)
                .map(name -> ClassUtils.resolveClassName(name, CommandTypes.class.getClassLoader()))
                .filter(type -> !type.isInterface())
                .filter(type -> type.getSimpleName().endsWith("Command") || Arrays.stream(type.getDeclaredFields())
                        .anyMatch(field -> field.isAnnotationPresent(TargetAggregateIdentifier.class)))
                .collect(Collectors.toSet());
    }

    /** @return the payload types of the aggregate's {@link CommandHandler} methods (not its constructors) */
    public static Set<Class<?>> handledByExisting(Class<?> aggregate) {
        return Arrays.stream(aggregate.getDeclaredMethods())
                .filter(method -> method.isAnnotationPresent(CommandHandler.class))
                .map(Method::getParameterTypes)
                .map(parameters -> parameters[0])
                .collect(Collectors.toSet());
    }
}
