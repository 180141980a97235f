import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { PageQueryDto } from '../../../common/pagination';
import { Role } from '../../../common/auth/role';
import { Audience, PostMode } from '../discussion.entities';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const tags = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((t) => (typeof t === 'string' ? t.trim().toLowerCase() : t)) : value;

export class CreateThreadDto {
  @ApiProperty({ maxLength: 200 })
  @Transform(trim)
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  title!: string;

  @ApiProperty({ maxLength: 10000 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(10000)
  body!: string;

  @ApiPropertyOptional({ type: [String], maxItems: 5, example: ['exams', 'wellbeing'] })
  @IsOptional()
  @Transform(tags)
  @IsArray()
  @ArrayMaxSize(5)
  @IsString({ each: true })
  @Matches(/^[a-z0-9][a-z0-9-]{0,39}$/, { each: true, message: 'tags are 1–40 lower-case letters, digits or dashes' })
  tags?: string[];

  @ApiProperty({ enum: Audience, enumName: 'Audience' })
  @IsEnum(Audience)
  audience!: Audience;

  @ApiProperty({
    enum: PostMode,
    enumName: 'PostMode',
    description: 'Students may choose anonymous; mentors and admins always post normally',
  })
  @IsEnum(PostMode)
  mode!: PostMode;
}

export class CreatePostDto {
  @ApiProperty({ maxLength: 10000 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(10000)
  body!: string;

  @ApiProperty({ enum: PostMode, enumName: 'PostMode' })
  @IsEnum(PostMode)
  mode!: PostMode;
}

export class UpdatePostDto {
  @ApiPropertyOptional({ maxLength: 10000 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(10000)
  body?: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'Opening posts only: the thread title' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({
    enum: [PostMode.Normal],
    description: 'Sign an anonymous post with your name (one way: a named post never becomes anonymous)',
  })
  @IsOptional()
  @IsIn([PostMode.Normal], {
    message: 'mode can only be changed to normal (signing a post); a named post never becomes anonymous',
  })
  mode?: PostMode.Normal;
}

export class ReportPostDto {
  @ApiProperty({ maxLength: 500 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason!: string;
}

export class RevealRequestCreateDto {
  @ApiProperty({
    maxLength: 1000,
    description: 'Why the author must be identified (for example a safeguarding concern)',
  })
  @Transform(trim)
  @IsString()
  @MinLength(10, { message: 'reason must explain the need in at least 10 characters' })
  @MaxLength(1000)
  reason!: string;
}

export class ThreadQueryDto extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsString()
  @MaxLength(40)
  tag?: string;

  @ApiPropertyOptional({ enum: Audience, enumName: 'Audience' })
  @IsOptional()
  @IsEnum(Audience)
  audience?: Audience;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only threads without replies' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'unanswered must be true or false' })
  unanswered?: boolean;

  @ApiPropertyOptional({ description: 'Words to find in titles and posts' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class AuthorDto {
  @ApiProperty({ enum: ['user', 'anonymous'] })
  kind!: 'user' | 'anonymous';

  @ApiProperty({ description: 'Display name, or the thread pseudonym such as "Anonymous Heron"' })
  displayName!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Named authors only' })
  userId?: string;

  @ApiPropertyOptional({ enum: Role, enumName: 'Role', description: 'Named authors only' })
  role?: Role;

  @ApiPropertyOptional({ description: 'Anonymous authors only: a generated avatar colour' })
  avatarColour?: string;

  @ApiProperty({ description: 'Wrote the thread (shown only when it links nothing new)' })
  isOriginalPoster!: boolean;
}

export class PostDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  threadId!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'null when deleted, or when the moderators hid the post or its thread (admins still see it)',
  })
  body!: string | null;

  @ApiProperty({ enum: PostMode, enumName: 'PostMode' })
  mode!: PostMode;

  @ApiProperty({ type: AuthorDto })
  author!: AuthorDto;

  @ApiProperty({ description: 'Written by me' })
  mine!: boolean;

  @ApiProperty()
  deleted!: boolean;

  @ApiProperty()
  hidden!: boolean;

  @ApiProperty()
  isAcceptedAnswer!: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  editedAt!: string | null;
}

export class ThreadDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'null when the moderators hid the thread (admins still see it)',
  })
  title!: string | null;

  @ApiProperty({ type: [String], description: 'Empty when the moderators hid the thread (admins still see them)' })
  tags!: string[];

  @ApiProperty({ enum: Audience, enumName: 'Audience' })
  audience!: Audience;

  @ApiProperty({ enum: PostMode, enumName: 'PostMode' })
  mode!: PostMode;

  @ApiProperty({ type: PostDto, description: 'The opening post' })
  opening!: PostDto;

  @ApiProperty()
  mine!: boolean;

  @ApiProperty()
  locked!: boolean;

  @ApiProperty({ description: 'Hidden by the moderators: only admins and its author can open it, only admins read it' })
  hidden!: boolean;

  @ApiProperty()
  replyCount!: number;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  acceptedPostId!: string | null;

  @ApiProperty({ format: 'date-time' })
  lastActivityAt!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class ThreadPageDto {
  @ApiProperty({ type: [ThreadDto] })
  items!: ThreadDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

export class PostPageDto {
  @ApiProperty({ type: [PostDto] })
  items!: PostDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

export class ReportDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  reason!: string;

  @ApiProperty({ enum: ['open', 'resolved'] })
  status!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: PostDto })
  post!: PostDto;

  @ApiProperty({ description: 'Title of the thread the post is in' })
  threadTitle!: string;
}

export class ReportPageDto {
  @ApiProperty({ type: [ReportDto] })
  items!: ReportDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

export class RevealedAuthorDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  displayName!: string;

  @ApiProperty()
  email!: string;

  @ApiProperty({ enum: Role, enumName: 'Role' })
  role!: Role;
}

export class RevealRequestDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  postId!: string;

  @ApiProperty({ format: 'uuid' })
  threadId!: string;

  @ApiProperty()
  reason!: string;

  @ApiProperty({ enum: ['pending', 'approved', 'rejected'] })
  status!: string;

  @ApiProperty({ description: 'The admin who asked' })
  requestedByName!: string;

  @ApiProperty({ format: 'uuid' })
  requestedById!: string;

  @ApiProperty({ type: String, nullable: true })
  decidedByName!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  decidedAt!: string | null;

  @ApiPropertyOptional({
    type: RevealedAuthorDto,
    description: 'Only after approval, and only to the two admins involved',
  })
  author?: RevealedAuthorDto;
}

export class RevealRequestPageDto {
  @ApiProperty({ type: [RevealRequestDto] })
  items!: RevealRequestDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
